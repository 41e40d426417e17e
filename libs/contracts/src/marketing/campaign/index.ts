/** The marketing app's campaign contracts: one file per message beside this barrel. */
import {
  CAMPAIGN_CREATED_V1,
  CAMPAIGN_STATUS_CHANGED_V1,
  CAMPAIGN_UPDATED_V1,
  type CampaignEventData,
  type CampaignStatusChangedData,
  type CampaignUpdatedData,
} from './campaign-events.js';

export * from './campaign.types.js';
export * from './create-campaign.dto.js';
export * from './update-campaign.dto.js';
export * from './get-campaign.dto.js';
export * from './list-campaigns.dto.js';
export * from './transition-campaign.dto.js';
export * from './create-campaign-step.dto.js';
export * from './update-campaign-step.dto.js';
export * from './list-campaign-steps.dto.js';
export * from './delete-campaign-step.dto.js';
export * from './campaign-member-ref.dto.js';
export * from './add-campaign-members.dto.js';
export * from './list-campaign-members.dto.js';
export * from './remove-campaign-member.dto.js';
export * from './respond-campaign-member.dto.js';
export * from './refresh-campaign-members.dto.js';
export * from './campaign-events.js';
export * from './sales-feed-events.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface MarketingCampaignEventPayloads {
  [CAMPAIGN_CREATED_V1]: CampaignEventData;
  [CAMPAIGN_UPDATED_V1]: CampaignUpdatedData;
  [CAMPAIGN_STATUS_CHANGED_V1]: CampaignStatusChangedData;
}
