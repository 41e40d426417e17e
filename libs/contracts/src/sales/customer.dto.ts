import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../employee/employee.contract.js';

/**
 * Customers (accounts) of the sales app. Writes need `customer.write`, reads `customer.read`; each
 * sees only customers in the employee's data scope, phone and e-mail masked without `customer.pii.read`.
 */
export const CUSTOMER_CREATE_V1 = 'sales.customer.create.v1';
export const CUSTOMER_UPDATE_V1 = 'sales.customer.update.v1';
export const CUSTOMER_GET_V1 = 'sales.customer.get.v1';
export const CUSTOMER_LIST_V1 = 'sales.customer.list.v1';
export const CUSTOMER_CREATED_V1 = 'sales.customer.created.v1';
export const CUSTOMER_UPDATED_V1 = 'sales.customer.updated.v1';

export const CUSTOMER_SEGMENTS = ['consumer', 'business', 'government', 'wholesale'] as const;
export type CustomerSegment = (typeof CUSTOMER_SEGMENTS)[number];

class CustomerFieldsDto {
  @IsOptional() @IsString() @MaxLength(32) @Matches(/^\+?[0-9 ()-]{5,32}$/, { message: 'phone may hold digits, spaces, + ( ) -' })
  phone?: string;

  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string;

  @IsOptional() @IsIn(CUSTOMER_SEGMENTS)
  segment?: CustomerSegment;
}

export class CreateCustomerDto extends CustomerFieldsDto {
  @IsString() @IsNotEmpty() @MaxLength(32) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'accountNo may hold letters, digits and . _ -' })
  accountNo: string;

  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;
}

export class UpdateCustomerDto extends CustomerFieldsDto {
  @IsString() @IsNotEmpty() @MaxLength(32)
  accountNo: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;
}

export class GetCustomerDto {
  @IsString() @IsNotEmpty() @MaxLength(32)
  accountNo: string;
}

/**
 * Newest first. `cursor` is the previous page's `nextCursor`: the persistence kit's signed list
 * cursor. Only its alphabet and length are checked here; sales decodes and verifies it (4220 on
 * `cursor` for one it did not issue).
 */
export class ListCustomersDto {
  @IsOptional() @IsIn(CUSTOMER_SEGMENTS)
  segment?: CustomerSegment;

  @IsOptional() @IsString() @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional() @IsInt() @Min(1) @Max(200)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(512) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
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
