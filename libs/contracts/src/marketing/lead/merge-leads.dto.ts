import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { VersionedLeadRefDto } from './lead-ref.dto.js';

export const LEAD_MERGE_V1 = 'marketing.lead.merge.v1';

/**
 * Merges duplicates into the surviving `leadId` (as of its `version`): their touches and history
 * move to the survivor (each history entry keeps the lead it was written for), empty fields of the
 * survivor are filled from them, and each duplicate is closed as `disqualified` with
 * `mergedIntoId` set — never deleted.
 */
export class MergeLeadsDto extends VersionedLeadRefDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  duplicateIds: string[];
}
