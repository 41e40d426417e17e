/** The marketing app's competitor contracts: one file per message beside this barrel. */
import { MARKETING_COMPETITOR_CREATED_V1, type CompetitorCreatedData } from './competitor-created.event.js';
import { MARKETING_COMPETITOR_UPDATED_V1, type CompetitorUpdatedData } from './competitor-updated.event.js';

export * from './competitor.types.js';
export * from './period.dto.js';
export * from './competitor-fields.dto.js';
export * from './create-competitor.dto.js';
export * from './update-competitor.dto.js';
export * from './get-competitor.dto.js';
export * from './list-competitors.dto.js';
export * from './analyse-competitors.dto.js';
export * from './competitor-created.event.js';
export * from './competitor-updated.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface MarketingCompetitorEventPayloads {
  [MARKETING_COMPETITOR_CREATED_V1]: CompetitorCreatedData;
  [MARKETING_COMPETITOR_UPDATED_V1]: CompetitorUpdatedData;
}
