import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, type CaseCategory, type CaseChannel, type CasePriority, type CaseStatus } from './case.types.js';

/**
 * Case events on `<ns>.events` (SPEC §2.3). They share one payload (like the work-order events), so
 * they live in one file; each change publishes the one that names it, and a case's events leave in
 * order (outbox stream `case:<caseId>`).
 */
export const CASE_CREATED_V1 = 'service.case.created.v1';
export const CASE_UPDATED_V1 = 'service.case.updated.v1';
export const CASE_STATUS_CHANGED_V1 = 'service.case.status-changed.v1';
export const CASE_ASSIGNED_V1 = 'service.case.assigned.v1';
export const CASE_ESCALATED_V1 = 'service.case.escalated.v1';
export const CASE_MERGED_V1 = 'service.case.merged.v1';
/** Published by the workflow action `notify`. */
export const CASE_NOTIFICATION_V1 = 'service.case.notification.v1';

export interface CaseEventData {
  caseId: string;
  caseNo: string;
  accountId: string | null;
  status: CaseStatus;
  previousStatus: CaseStatus | null;
  priority: CasePriority;
  category: CaseCategory;
  channel: CaseChannel;
  ownerId: string | null;
  queueId: string | null;
  masterCaseId: string | null;
  workOrderId: string | null;
  orderNo: string | null;
  escalationLevel: number;
  version: number;
  /** On updated events: the fields that changed. */
  changedFields?: string[];
  /** On status changes: the note of the move (the resolution when resolved). */
  note?: string | null;
  /** On merged events: the duplicates merged into this case. */
  mergedCaseIds?: string[];
}

export interface CaseNotificationData {
  caseId: string;
  caseNo: string;
  ruleId: string;
  ruleVersion: number;
  /** Employee IDs; empty means "the case's owner and watchers". */
  recipients: string[];
  message: string;
}

/** What a consumer of the status events validates (unknown fields are dropped, not refused). */
export class CaseStatusChangedEventDto {
  @IsUUID()
  caseId: string;

  @IsString()
  @MaxLength(32)
  caseNo: string;

  @IsIn(CASE_STATUSES)
  status: CaseStatus;

  @IsOptional()
  @IsIn(CASE_STATUSES)
  previousStatus: CaseStatus | null;

  @IsOptional()
  @IsUUID()
  masterCaseId: string | null;

  @IsOptional()
  @IsUUID()
  workOrderId: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  orderNo: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @IsInt()
  @Min(1)
  version: number;
}
