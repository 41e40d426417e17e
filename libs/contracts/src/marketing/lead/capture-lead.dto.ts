import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LEAD_SOURCES, LeadNameDto, type LeadSource } from './lead.types.js';

export const LEAD_CAPTURE_V1 = 'marketing.lead.capture.v1';

/**
 * A lead from any channel (SPEC §6.1). An open lead with the same normalised phone or e-mail is
 * not duplicated: the capture becomes a touch on it and the reply says `duplicate: true`.
 */
export class CaptureLeadDto extends LeadNameDto {
  @IsIn(LEAD_SOURCES)
  source: LeadSource;

  @IsOptional()
  @IsUUID()
  campaignId?: string;
}
