import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, type CaseStatus } from './case.types.js';

export const CASE_TRANSITION_V1 = 'service.case.transition.v1';

/**
 * Moves a case along new → assigned → in_progress ⇄ pending_customer → resolved → closed; a
 * resolved or closed case reopens to `in_progress` within `SERVICE_CASE_REOPEN_HOURS`. An illegal
 * move is 4090 naming the allowed ones. `note` is the resolution when moving to `resolved`.
 */
export class TransitionCaseDto {
  @IsUUID('4')
  caseId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsIn(CASE_STATUSES)
  to: CaseStatus;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
