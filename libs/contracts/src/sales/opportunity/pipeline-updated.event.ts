import type { PipelineView } from './pipeline.types.js';

/** Published when a pipeline (its stages, channels, default flag …) changed. */
export const PIPELINE_UPDATED_V1 = 'sales.pipeline.updated.v1';
export interface PipelineUpdatedData extends PipelineView {
  changedFields: string[];
}
