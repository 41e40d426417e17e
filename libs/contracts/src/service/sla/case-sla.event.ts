import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { SLA_PRIORITIES, type SlaPriority } from './sla.types.js';

/** A case's SLA target reached its warning share (once per target and case). */
export const SERVICE_CASE_SLA_WARNING_V1 = 'service.case.sla-warning.v1';
/** A case's SLA target passed its due time unmet (once per target and case). */
export const SERVICE_CASE_SLA_BREACHED_V1 = 'service.case.sla-breached.v1';

export const SLA_TARGETS = ['response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export interface CaseSlaEventData {
  caseId: string;
  caseNo: string | null;
  target: SlaTarget;
  /** When the target is (was) due, ISO-8601 UTC. */
  dueAt: string;
  /** When the warning was due (warning events; for breaches the same as `dueAt`). */
  thresholdAt: string;
  priority: SlaPriority;
  category: string;
  accountId: string | null;
  slaPolicyId: string;
}

/** What a consumer (the workflow engine) validates of both events. */
export class CaseSlaEventDto implements CaseSlaEventData {
  @IsUUID()
  caseId: string;

  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(64)
  caseNo: string | null;

  @IsIn(SLA_TARGETS)
  target: SlaTarget;

  @IsISO8601({ strict: true })
  dueAt: string;

  @IsISO8601({ strict: true })
  thresholdAt: string;

  @IsIn(SLA_PRIORITIES)
  priority: SlaPriority;

  @IsString()
  @MaxLength(64)
  category: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  accountId: string | null;

  @IsUUID()
  slaPolicyId: string;
}
