import type { FeatureSchema } from '../sales-schema.js';
import { Pipeline1764000300100 } from './1764000300100-pipeline.migration.js';
import { Opportunity1764000300200 } from './1764000300200-opportunity.migration.js';
import { OpportunityEntity } from './opportunity.entity.js';
import { PipelineEntity } from './pipeline.entity.js';
import { StageHistoryEntity } from './stage-history.entity.js';

/** The tables of this feature and the migrations that make them. */
export const OPPORTUNITY_SCHEMA: FeatureSchema = {
  entities: [PipelineEntity, OpportunityEntity, StageHistoryEntity],
  migrations: [Pipeline1764000300100, Opportunity1764000300200],
};
