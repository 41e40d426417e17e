import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { ConversionAccountDto, ConversionContactDto, ConversionOpportunityDto } from '../../sales/lead-conversion/lead-conversion.types.js';

export const LEAD_CONVERT_V1 = 'marketing.lead.convert.v1';

/**
 * Converts a qualified lead into sales (SPEC §6.1): an account (linked by `account.accountId`, or
 * new — `name` defaults to the lead's company, a duplicate of an existing account links to it), a
 * contact from the lead and an opportunity, all carrying the lead's id and campaign. A saga: the reply
 * is `converting` at once and `converted` (with the ids) once sales answered; calling it again answers
 * the current state and never starts a second conversion.
 */
export class ConvertLeadDto {
  @IsUUID()
  leadId: string;

  @IsInt()
  @Min(1)
  version: number;

  @ValidateNested()
  @Type(() => ConversionOpportunityDto)
  opportunity: ConversionOpportunityDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ConversionAccountDto)
  account?: ConversionAccountDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ConversionContactDto)
  contact?: ConversionContactDto;
}

export type LeadConversionStatus = 'converting' | 'converted' | 'failed';

/** Why sales refused the last conversion attempt (the lead went back to `qualified`). */
export interface LeadConversionError {
  code: number;
  message: string;
  details: Array<{ field: string; reasons: string[] }>;
}

export interface ConvertLeadReply {
  leadId: string;
  status: 'converting' | 'converted';
  accountId?: string;
  contactId?: string;
  opportunityId?: string;
}
