import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * Customers (accounts) of the sales app. Writes need `customer.write`, reads `customer.read`; each
 * sees only customers in the employee's data scope, phone and e-mail masked without `customer.pii.read`.
 * One file per message beside this one (`<verb>-customer.dto.ts`, `customer-<event>.event.ts`).
 */
export const CUSTOMER_SEGMENTS = ['consumer', 'business', 'government', 'wholesale'] as const;
export type CustomerSegment = (typeof CUSTOMER_SEGMENTS)[number];

/** The optional fields create and update share. */
export class CustomerFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(/^\+?[0-9 ()-]{5,32}$/, { message: 'phone may hold digits, spaces, + ( ) -' })
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsIn(CUSTOMER_SEGMENTS)
  segment?: CustomerSegment;
}

export interface CustomerPage {
  items: CustomerView[];
  nextCursor: string | null;
}

export interface CustomerView {
  customerId: string;
  accountNo: string;
  name: string;
  phone: string | null;
  email: string | null;
  segment: CustomerSegment;
  /** The employee who owns the customer (its creator): what `own` and `team` data scopes match. */
  ownerId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
