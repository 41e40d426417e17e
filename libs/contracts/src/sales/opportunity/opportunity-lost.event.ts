import type { OpportunityClosedData } from './opportunity-closed.types.js';

/** Published when an opportunity is closed as lost. */
export const OPPORTUNITY_LOST_V1 = 'sales.opportunity.lost.v1';
export type OpportunityLostData = OpportunityClosedData;
