import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { LABEL_RE } from '../campaign/campaign.types.js';

export const STRATEGY_EVALUATE_V1 = 'marketing.strategy.evaluate.v1';

export const STRATEGY_GROUP_BY = ['strategy', 'variant'] as const;
export type StrategyGroupBy = (typeof STRATEGY_GROUP_BY)[number];

/**
 * Compares strategies or A/B variants over campaigns: either `campaignIds` or `strategies` (the
 * campaigns carrying those strategies), exactly one of them. Campaigns outside the caller's data
 * scope are left out, as if missing.
 */
export class EvaluateStrategyDto {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('4', { each: true })
  campaignIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(LABEL_RE, { each: true, message: 'strategies must be labels' })
  strategies?: string[];

  @IsIn(STRATEGY_GROUP_BY)
  groupBy: StrategyGroupBy;
}

/** One strategy's or variant's figures; money in `currency`, rates with 4 places. */
export interface StrategyGroupView {
  /** The strategy or variant label; null for campaigns without one. */
  group: string | null;
  campaignIds: string[];
  currency: string;
  leads: number;
  cost: string;
  /** cost / leads, 2 places; null without leads. */
  costPerLead: string | null;
  converted: number;
  /** converted / leads; null without leads. */
  conversionRate: string | null;
  /** 95% Wilson score interval of the conversion rate; null without leads. */
  conversionRateCi95: { low: string; high: string } | null;
  actualRevenue: string;
  /** (actualRevenue − cost) / cost; null while the cost is 0. */
  roi: string | null;
}

/** Two-proportion z-test (pooled) of the difference in conversion rates, for exactly two groups. */
export interface StrategyComparisonView {
  groups: [string | null, string | null];
  /** rate(first) − rate(second), 4 places. */
  difference: string;
  z: string | null;
  /** Two-sided p-value, 4 significant places. */
  pValue: string | null;
  /** Whether the sample is large enough for the normal approximation (rule in the docs). */
  conclusive: boolean;
  /** conclusive and p < 0.05. */
  significant: boolean;
  reason: string | null;
}

export interface StrategyEvaluationView {
  groupBy: StrategyGroupBy;
  groups: StrategyGroupView[];
  comparison: StrategyComparisonView | null;
}
