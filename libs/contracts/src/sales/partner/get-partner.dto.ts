import { IsUUID } from 'class-validator';

export const PARTNER_GET_V1 = 'sales.partner.get.v1';

export class GetPartnerDto {
  @IsUUID('4')
  partnerId: string;
}
