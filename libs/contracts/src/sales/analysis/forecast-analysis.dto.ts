import { IsIn, IsOptional } from 'class-validator';
import { AnalysisPeriodDto } from './analysis.types.js';

export const ANALYSIS_FORECAST_V1 = 'sales.analysis.forecast.v1';

export const FORECAST_GROUPS = ['owner', 'team'] as const;
export type ForecastGroup = (typeof FORECAST_GROUPS)[number];

/** Forecast vs quota for a period, per employee (default) or per team: quotas exist for those only. */
export class ForecastAnalysisDto extends AnalysisPeriodDto {
  @IsOptional()
  @IsIn(FORECAST_GROUPS)
  groupBy?: ForecastGroup;
}
