import { IsUUID } from 'class-validator';
import { PageFieldsDto } from './lead-ref.dto.js';

export const LEAD_HISTORY_V1 = 'marketing.lead.history.v1';

/** A lead's history, newest first: captures and touches, edits, status changes, assignments, merges. */
export class LeadHistoryDto extends PageFieldsDto {
  @IsUUID()
  leadId: string;
}
