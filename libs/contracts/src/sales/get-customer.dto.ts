import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export const CUSTOMER_GET_V1 = 'sales.customer.get.v1';

export class GetCustomerDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  accountNo: string;
}
