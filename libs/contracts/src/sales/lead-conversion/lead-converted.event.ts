import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

export const SALES_LEAD_CONVERTED_V1 = 'sales.lead.converted.v1';

/** Published by `sales` once a lead's account, contact and opportunity exist (once per lead). */
export interface SalesLeadConvertedData {
  leadId: string;
  accountId: string;
  contactId: string;
  opportunityId: string;
  campaignId: string | null;
  linkedExisting: boolean;
  convertedAt: string;
}

/** What marketing's inbox validates of `sales.lead.converted.v1` (the fields it uses). */
export class SalesLeadConvertedEventDto {
  @IsUUID()
  leadId: string;

  @IsUUID()
  accountId: string;

  @IsUUID()
  contactId: string;

  @IsUUID()
  opportunityId: string;

  @IsOptional()
  @IsUUID()
  campaignId: string | null;

  @IsOptional()
  @IsBoolean()
  linkedExisting?: boolean;
}
