import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, IsInt, Min } from 'class-validator';
import { LeadFieldsDto } from './lead.types.js';

export const LEAD_UPDATE_V1 = 'marketing.lead.update.v1';

/**
 * Edits the descriptive fields of a lead as of `version` (stale → 4090). A field left out is
 * unchanged; `null` is not accepted (send "" for company to clear it). Phone and e-mail are
 * normalised as at capture; one that another open lead holds is 4090 naming it (merge them instead).
 */
export class UpdateLeadDto extends LeadFieldsDto {
  @IsUUID()
  leadId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}
