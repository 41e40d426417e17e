import { GroupedAnalysisDto } from './analysis.types.js';

export const ANALYSIS_REVENUE_V1 = 'sales.analysis.revenue.v1';

/** Won amount of the opportunities won in the period per group; by product from the accepted quote's lines. */
export class RevenueAnalysisDto extends GroupedAnalysisDto {}
