import { GroupedAnalysisDto } from './analysis.types.js';

export const ANALYSIS_PIPELINE_V1 = 'sales.analysis.pipeline.v1';

/** Open pipeline expected to close in the period: count, amount and weighted amount per group (not by product: open opportunities have no accepted quote). */
export class PipelineAnalysisDto extends GroupedAnalysisDto {}
