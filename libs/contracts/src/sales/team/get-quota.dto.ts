import { IsUUID } from 'class-validator';

export const SALES_QUOTA_GET_V1 = 'sales.quota.get.v1';

export class GetQuotaDto {
  @IsUUID('4')
  quotaId: string;
}
