/**
 * Published for every opportunity moved to another owner or territory (a territory realignment).
 * `version` is the opportunity's version after the move.
 */
export const SALES_OPPORTUNITY_REASSIGNED_V1 = 'sales.opportunity.reassigned.v1';

export interface OpportunityReassignedData {
  opportunityId: string;
  ownerId: string;
  territoryId: string | null;
  previousOwnerId: string;
  previousTerritoryId: string | null;
  version: number;
  /** `territory-realignment` */
  reason: string;
  realignmentId: string | null;
  ruleId: string | null;
}
