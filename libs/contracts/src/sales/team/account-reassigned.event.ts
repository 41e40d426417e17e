/** Published for every account moved to another owner or territory (a territory realignment). */
export const SALES_ACCOUNT_REASSIGNED_V1 = 'sales.account.reassigned.v1';

export interface AccountReassignedData {
  accountId: string;
  ownerId: string;
  territoryId: string | null;
  previousOwnerId: string;
  previousTerritoryId: string | null;
  /** The account's version after the move. */
  version: number;
  reason: string;
  realignmentId: string | null;
  ruleId: string | null;
}
