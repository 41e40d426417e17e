import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/**
 * Cases and complaints (SPEC §6.3 `service.case.*`). Writes need `case.write`, reads `case.read`;
 * every reply is a `CaseView` with the SLA fields the SLA clock answers. One file per message beside this one.
 */
export const CASE_CHANNELS = ['phone', 'email', 'web', 'eoms', 'walk-in', 'regulator'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** `regulatory-complaint`: a complaint filed through (or escalated to) the regulator, with its own clocks. */
export const CASE_CATEGORIES = [
  'complaint',
  'regulatory-complaint',
  'fault',
  'network-fault',
  'billing',
  'inquiry',
  'service-request',
  'installation',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Highest first; `gte`/`lte` in workflow conditions compare by this order. */
export const CASE_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const CASE_STATUSES = ['new', 'assigned', 'in_progress', 'pending_customer', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A skill or attribute key: lower-case kebab. */
export const CASE_KEY_RE = /^[a-z][a-z0-9-]{0,47}$/;

export class CaseContactDto {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  name?: string;

  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 -]{4,31}$/, { message: 'phone must be digits, optionally with +, spaces or dashes' })
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

/** `limit` and `cursor` of the case lists (newest first; cursor = the previous page's `nextCursor`). */
export class CasePageDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}

/** Contact fields shared by create and update. */
export class CaseContactHolder {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CaseContactDto)
  contact?: CaseContactDto;
}

export interface CaseHistoryEntry {
  at: string;
  /** Employee ID, else the system caller (`EOMS`, `service` for the SLA/workflow engine). */
  actor: string;
  /** created, updated, status, assigned, queued, escalated, merged, merged-into, linked, child-resolved, rule-applied, reopened … */
  action: string;
  details: Record<string, unknown>;
}

export interface CaseView {
  caseId: string;
  caseNo: string;
  accountId: string | null;
  contact: { name?: string; phone?: string; email?: string } | null;
  channel: CaseChannel;
  category: CaseCategory;
  priority: CasePriority;
  status: CaseStatus;
  subject: string;
  description: string;
  ownerId: string | null;
  queueId: string | null;
  /** Skills an agent needs for this case (skills-based queues). */
  skills: string[];
  escalationLevel: number;
  masterCaseId: string | null;
  /** Ids of this case's child cases (a master case). */
  childCaseIds: string[];
  mergedIntoId: string | null;
  workOrderId: string | null;
  /** The EOMS order's own number when the case came from (or is linked to) a work order. */
  orderNo: string | null;
  resolution: string | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  watchers: string[];
  /** Free fields set by workflow rules (`set-field` on `attributes.<key>`). */
  attributes: Record<string, string>;
  reopenCount: number;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  slaState: 'ok' | 'warning' | 'breached' | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  /** On `get` and `history` only. */
  history?: CaseHistoryEntry[];
}

export interface CasePage {
  items: CaseView[];
  nextCursor: string | null;
}
