import { IsUUID } from 'class-validator';

export const ACCOUNT_GET_V1 = 'sales.account.get.v1';

export class GetAccountDto {
  @IsUUID('4')
  accountId: string;
}
