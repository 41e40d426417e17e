/** The sales app's opportunity contracts: one file per message beside this barrel. */
import { OPPORTUNITY_CREATED_V1, type OpportunityCreatedData } from './opportunity-created.event.js';
import { OPPORTUNITY_LOST_V1, type OpportunityLostData } from './opportunity-lost.event.js';
import { OPPORTUNITY_UPDATED_V1, type OpportunityUpdatedData } from './opportunity-updated.event.js';
import { OPPORTUNITY_WON_V1, type OpportunityWonData } from './opportunity-won.event.js';
import { PIPELINE_CREATED_V1, type PipelineCreatedData } from './pipeline-created.event.js';
import { PIPELINE_UPDATED_V1, type PipelineUpdatedData } from './pipeline-updated.event.js';

export * from './opportunity.types.js';
export * from './pipeline.types.js';
export * from './create-pipeline.dto.js';
export * from './update-pipeline.dto.js';
export * from './get-pipeline.dto.js';
export * from './list-pipelines.dto.js';
export * from './create-opportunity.dto.js';
export * from './update-opportunity.dto.js';
export * from './close-opportunity.dto.js';
export * from './get-opportunity.dto.js';
export * from './list-opportunities.dto.js';
export * from './opportunity-closed.types.js';
export * from './opportunity-created.event.js';
export * from './opportunity-updated.event.js';
export * from './opportunity-won.event.js';
export * from './opportunity-lost.event.js';
export * from './pipeline-created.event.js';
export * from './pipeline-updated.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface OpportunityEventPayloads {
  [PIPELINE_CREATED_V1]: PipelineCreatedData;
  [PIPELINE_UPDATED_V1]: PipelineUpdatedData;
  [OPPORTUNITY_CREATED_V1]: OpportunityCreatedData;
  [OPPORTUNITY_UPDATED_V1]: OpportunityUpdatedData;
  [OPPORTUNITY_WON_V1]: OpportunityWonData;
  [OPPORTUNITY_LOST_V1]: OpportunityLostData;
}
