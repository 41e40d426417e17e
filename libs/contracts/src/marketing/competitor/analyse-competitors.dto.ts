import { ArrayMaxSize, IsArray, IsOptional, IsUUID, Matches } from 'class-validator';
import { MarketingPeriodDto } from './period.dto.js';
import { CURRENCY_RE } from '../../money.js';

export const MARKETING_COMPETITOR_ANALYSIS_V1 = 'marketing.competitor.analysis.v1';

/**
 * Win/loss per competitor (`competitor.read`) over `[from, to)`: opportunities met by their
 * `createdAt`, won/lost by their `closedAt`. Without `competitorIds`, every competitor (at most 200,
 * newest first). `currency` (default CNY) is the currency money figures are summed in.
 */
export class AnalyseCompetitorsDto extends MarketingPeriodDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID(4, { each: true })
  competitorIds?: string[];

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;
}
