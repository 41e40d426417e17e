import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Customers (accounts) of the sales app. Writes need `customer.write`, reads `customer.read`. */
export const CUSTOMER_CREATE_V1 = 'sales.customer.create.v1';
export const CUSTOMER_UPDATE_V1 = 'sales.customer.update.v1';
export const CUSTOMER_GET_V1 = 'sales.customer.get.v1';
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

export interface CustomerView {
  customerId: string;
  accountNo: string;
  name: string;
  phone: string | null;
  email: string | null;
  segment: CustomerSegment;
  version: number;
  createdAt: string;
  updatedAt: string;
}
