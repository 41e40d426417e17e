import type { OpportunityView } from './opportunity.types.js';

/** Published when an open opportunity changed: the opportunity after the change, and which fields changed. */
export const OPPORTUNITY_UPDATED_V1 = 'sales.opportunity.updated.v1';
export interface OpportunityUpdatedData extends OpportunityView {
  changedFields: string[];
}
