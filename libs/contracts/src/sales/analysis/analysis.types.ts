import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CURRENCY_RE } from '../../money.js';
import { ANALYSIS_CHANNELS, type AnalysisChannel } from './opportunity-feed.event.js';

/** What a figure may be grouped by (SPEC §6.2). */
export const ANALYSIS_GROUPS = ['stage', 'owner', 'team', 'territory', 'channel', 'product', 'industry'] as const;
export type AnalysisGroup = (typeof ANALYSIS_GROUPS)[number];

const MONTH_START_RE = /^\d{4}-(0[1-9]|1[0-2])-01$/;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The period and filters every analysis takes. Figures are kept per calendar month (UTC), so a
 * period covers whole months: `from` is a month's first day and `to` a month's last day
 * (inclusive), e.g. `{from: "2026-01-01", to: "2026-03-31"}` for the first quarter. Which date
 * places an opportunity in the period depends on the figure (docs/sales/analysis.md): the expected
 * close date for open pipeline, the day it closed for won/lost figures.
 */
export class AnalysisPeriodDto {
  @Matches(MONTH_START_RE, { message: 'from must be the first day of a month, e.g. 2026-01-01' })
  from: string;

  @Matches(DATE_RE, { message: 'to must be the last day of a month, e.g. 2026-03-31' })
  to: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  pipelineId?: string;

  @IsOptional()
  @IsIn(ANALYSIS_CHANNELS)
  channel?: AnalysisChannel;

  /** Figures in one currency only (default `CNY`); amounts in different currencies are never added. */
  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;
}

export class GroupedAnalysisDto extends AnalysisPeriodDto {
  @IsIn(ANALYSIS_GROUPS)
  groupBy: AnalysisGroup;
}

/** The period a reply covers and what it was filtered by, echoed back. */
export interface AnalysisScopeEcho {
  from: string;
  to: string;
  groupBy: AnalysisGroup;
  pipelineId: string | null;
  channel: AnalysisChannel | null;
  currency: string;
  /** The caller's data scope the figures were limited to (`own`, `team`, `all`). */
  scope: string;
}

/**
 * One group. `key` is the group's value (stage key, employee ID, team id, territory id, channel,
 * product id, industry code); null collects the opportunities without one (no territory, no
 * industry, no team, and for products the part of a won amount no accepted quote line explains).
 */
export interface AnalysisGroupKey {
  key: string | null;
  /** Team name for `team`; absent otherwise. */
  name?: string | null;
}

export interface PipelineFigures {
  count: number;
  amount: string;
  /** Σ amount × probability / 100, rounded to the cent once, after summing. */
  weightedAmount: string;
}
export interface PipelineAnalysis extends AnalysisScopeEcho {
  items: Array<AnalysisGroupKey & PipelineFigures>;
  totals: PipelineFigures;
}

export interface WinRateFigures {
  won: number;
  lost: number;
  /** won / (won + lost) in percent, one decimal; null when nothing closed. */
  winRate: number | null;
  wonAmount: string;
  /** Mean calendar days from created to closed over the won ones, one decimal; null when none won. */
  averageSalesCycleDays: number | null;
}
export interface WinRateAnalysis extends AnalysisScopeEcho {
  items: Array<AnalysisGroupKey & WinRateFigures>;
  totals: WinRateFigures;
}

export interface RevenueFigures {
  /** Won opportunities (for `product`: won opportunities with a line of this product). */
  wonCount: number;
  revenue: string;
}
export interface RevenueAnalysis extends AnalysisScopeEcho {
  items: Array<AnalysisGroupKey & RevenueFigures>;
  totals: RevenueFigures;
}

export interface ForecastFigures {
  quota: string;
  won: string;
  /** Open pipeline expected to close in the period, weighted by probability. */
  weightedOpen: string;
  /** won + weightedOpen. */
  forecast: string;
  /** won / quota in percent, one decimal; null without a quota. */
  attainment: number | null;
  /** forecast / quota in percent, one decimal; null without a quota. */
  forecastAttainment: number | null;
}
export interface ForecastAnalysis extends AnalysisScopeEcho {
  items: Array<AnalysisGroupKey & ForecastFigures>;
  totals: ForecastFigures;
}

/** `sales.analysis.verify.v1`'s answer: aggregates recomputed from the fact rows and compared. */
export interface AnalysisVerification {
  facts: number;
  aggregateRows: number;
  recomputedRows: number;
  /** Rows that differ (missing on either side or with other figures); 0 when they agree. */
  differences: number;
  /** Up to 20 differing keys, for the operator. */
  samples: Array<{ key: string; stored: string | null; recomputed: string | null }>;
  repaired: boolean;
  ms: number;
}
