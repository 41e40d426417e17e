import type { PipelineView } from './pipeline.types.js';

/** Published when an administrator creates a pipeline. */
export const PIPELINE_CREATED_V1 = 'sales.pipeline.created.v1';
export type PipelineCreatedData = PipelineView;
