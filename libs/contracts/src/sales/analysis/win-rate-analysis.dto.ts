import { GroupedAnalysisDto } from './analysis.types.js';

export const ANALYSIS_WIN_RATE_V1 = 'sales.analysis.win-rate.v1';

/** Opportunities closed in the period: won, lost, win rate, won amount and average sales cycle per group (not by product). */
export class WinRateAnalysisDto extends GroupedAnalysisDto {}
