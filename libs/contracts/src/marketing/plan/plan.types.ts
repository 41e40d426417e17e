import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsNonNegativeMoney } from '../campaign/campaign.types.js';

/**
 * Market plans (SPEC §6.1): KPI targets for a period and optionally a territory, region, segment,
 * industry or product line, and their progress computed from marketing's own data (leads, and the
 * sales facts of the sales feed). Writes need `plan.write`, reads `plan.read`.
 */
export const PLAN_KPIS = ['leads', 'convertedLeads', 'opportunities', 'wonRevenue', 'newAccounts', 'winRate'] as const;
export type PlanKpi = (typeof PLAN_KPIS)[number];

/** A rate between 0 and 1 with up to 4 places, e.g. "0.3000". */
export const RATE_RE = /^(0(\.[0-9]{1,4})?|1(\.0{1,4})?)$/;

/** The targets; at least one. Counts are integers, `wonRevenue` money in the plan's currency, `winRate` a rate. */
export class PlanTargetsDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  leads?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  convertedLeads?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  opportunities?: number;

  @IsOptional()
  @IsNonNegativeMoney()
  wonRevenue?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  newAccounts?: number;

  @IsOptional()
  @Matches(RATE_RE, { message: 'winRate must be a rate between 0 and 1 with up to 4 places, e.g. "0.3000"' })
  winRate?: string;
}

export interface PlanTargets {
  leads?: number;
  convertedLeads?: number;
  opportunities?: number;
  wonRevenue?: string;
  newAccounts?: number;
  winRate?: string;
}

/** Product line: the products whose lines count (won revenue and opportunities only). */
export class PlanProductsDto {
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  productIds: string[];
}

export interface PlanView {
  planId: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  territoryId: string | null;
  regionPrefix: string | null;
  segment: string | null;
  industryCode: string | null;
  productIds: string[] | null;
  currency: string;
  targets: PlanTargets;
  description: string | null;
  ownerId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PlanPage {
  items: PlanView[];
  nextCursor: string | null;
}

export type PlanKpiStatus = 'ahead' | 'on-track' | 'behind';

/** One KPI's progress: numbers for counts, money strings for `wonRevenue`, 4-place rates for `winRate`. */
export interface PlanKpiProgress {
  kpi: PlanKpi;
  target: number | string;
  actual: number | string | null;
  expectedByToday: number | string;
  status: PlanKpiStatus;
}

export interface PlanProgressView {
  planId: string;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  /** Days of the period elapsed (asOf included) / days of the period, 4 places. */
  elapsedShare: string;
  currency: string;
  kpis: PlanKpiProgress[];
}
