import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CustomerFieldsDto } from './customer.types.js';

export const CUSTOMER_UPDATE_V1 = 'sales.customer.update.v1';

export class UpdateCustomerDto extends CustomerFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  accountNo: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}
