import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INDUSTRY_PREFIX_RE } from '../../industry-code.js';

/**
 * Sales teams, territories and quotas (SPEC §6.2 `sales.team.*`, `sales.territory.*`, `sales.quota.*`).
 * Writes need `team.write` (teams, quotas) or `territory.write` (territories, realignment); reads
 * `team.read` / `territory.read`. One file per message beside this one.
 */

/** GB/T 2260 administrative division: 6 digits (`440000` province, `440300` city, `440305` district). */
export const TERRITORY_REGION_CODE_RE = /^[1-9][0-9]{5}$/;
/** GB/T 4754 industry code or prefix: a section letter and 0–4 digits (`I`, `I65`, `I6510`). */
export const TERRITORY_INDUSTRY_CODE_RE = INDUSTRY_PREFIX_RE;
/** A customer segment key (`business`, `government`, …). */
export const TERRITORY_SEGMENT_RE = /^[a-z][a-z0-9-]{0,31}$/;

export const ASSIGNMENT_RULE_KINDS = ['round-robin', 'least-loaded', 'fixed'] as const;
export type AssignmentRuleKind = (typeof ASSIGNMENT_RULE_KINDS)[number];

export const QUOTA_OWNER_KINDS = ['employee', 'team'] as const;
export type QuotaOwnerKind = (typeof QUOTA_OWNER_KINDS)[number];
export const QUOTA_PERIODS = ['month', 'quarter', 'year'] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

/** `limit` and `cursor` of every list here (newest first; cursor = the previous page's `nextCursor`). */
export class TeamPageDto {
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

export interface TeamPage {
  items: TeamView[];
  nextCursor: string | null;
}

export interface TerritoryPage {
  items: TerritoryView[];
  nextCursor: string | null;
}

export interface QuotaPage {
  items: QuotaView[];
  nextCursor: string | null;
}

export interface TeamView {
  teamId: string;
  name: string;
  managerId: string;
  /** Employee IDs of the members, sorted (the manager is a member only when listed). */
  members: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AssignmentRuleView {
  /** Changes whenever the rule's kind or owner changes, so a record's history names the rule it got. */
  ruleId: string;
  kind: AssignmentRuleKind;
  /** The owner of a `fixed` rule; null otherwise. */
  ownerId: string | null;
}

export interface TerritoryView {
  territoryId: string;
  name: string;
  parentId: string | null;
  regionCode: string | null;
  industryCodes: string[];
  segments: string[];
  teamId: string | null;
  rule: AssignmentRuleView;
  /** Among equally specific matches, the lower number wins. */
  priority: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RealignmentMoveView {
  entity: 'account' | 'opportunity';
  id: string;
  from: { ownerId: string | null; territoryId: string | null };
  to: { ownerId: string | null; territoryId: string | null };
  ruleId: string | null;
}

export interface RealignmentView {
  realignmentId: string;
  territoryId: string | null;
  dryRun: boolean;
  status: 'running' | 'completed' | 'failed';
  scanned: number;
  moved: number;
  /** The first moves (at most 100): what a dry run would do, or what a real run did. */
  sample: RealignmentMoveView[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface QuotaView {
  quotaId: string;
  ownerKind: QuotaOwnerKind;
  ownerId: string;
  period: QuotaPeriod;
  periodStart: string;
  periodEnd: string;
  amount: string;
  currency: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
