import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { CustomerFieldsDto } from './customer.types.js';

export const CUSTOMER_CREATE_V1 = 'sales.customer.create.v1';

export class CreateCustomerDto extends CustomerFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'accountNo may hold letters, digits and . _ -' })
  accountNo: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}
