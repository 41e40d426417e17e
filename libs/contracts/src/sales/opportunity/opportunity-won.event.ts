import type { OpportunityClosedData } from './opportunity-closed.types.js';

/** Published when an opportunity is closed as won. */
export const OPPORTUNITY_WON_V1 = 'sales.opportunity.won.v1';
export type OpportunityWonData = OpportunityClosedData;
