/** The sales app's team contracts: one file per message beside this barrel. */
import { SALES_ACCOUNT_REASSIGNED_V1, type AccountReassignedData } from './account-reassigned.event.js';
import { SALES_OPPORTUNITY_REASSIGNED_V1, type OpportunityReassignedData } from './opportunity-reassigned.event.js';
import { SALES_QUOTA_CHANGED_V1, type QuotaChangedData } from './quota-changed.event.js';
import { SALES_TEAM_MEMBERS_CHANGED_V1, type TeamMembersChangedData } from './team-members-changed.event.js';
import { SALES_TERRITORY_CHANGED_V1, type TerritoryChangedData } from './territory-changed.event.js';

export * from './team.types.js';
export * from './create-team.dto.js';
export * from './update-team.dto.js';
export * from './set-team-members.dto.js';
export * from './get-team.dto.js';
export * from './list-teams.dto.js';
export * from './team-members-changed.event.js';
export * from './territory-fields.dto.js';
export * from './create-territory.dto.js';
export * from './update-territory.dto.js';
export * from './get-territory.dto.js';
export * from './list-territories.dto.js';
export * from './territory-changed.event.js';
export * from './realign-territory.dto.js';
export * from './get-realignment.dto.js';
export * from './opportunity-reassigned.event.js';
export * from './account-reassigned.event.js';
export * from './set-quota.dto.js';
export * from './get-quota.dto.js';
export * from './list-quotas.dto.js';
export * from './quota-changed.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface TeamEventPayloads {
  [SALES_TEAM_MEMBERS_CHANGED_V1]: TeamMembersChangedData;
  [SALES_TERRITORY_CHANGED_V1]: TerritoryChangedData;
  [SALES_QUOTA_CHANGED_V1]: QuotaChangedData;
  [SALES_OPPORTUNITY_REASSIGNED_V1]: OpportunityReassignedData;
  [SALES_ACCOUNT_REASSIGNED_V1]: AccountReassignedData;
}
