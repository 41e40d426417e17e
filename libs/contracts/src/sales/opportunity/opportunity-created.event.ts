import type { OpportunityView } from './opportunity.types.js';

/** Published when an opportunity is created: the opportunity as created. */
export const OPPORTUNITY_CREATED_V1 = 'sales.opportunity.created.v1';
export type OpportunityCreatedData = OpportunityView;
