import type { CampaignStatus, CampaignType, SegmentCriteria } from './campaign.types.js';

/** Published when a campaign is created, and (`marketing.campaign.updated.v1`) when it, its action plan or its members change. */
export const CAMPAIGN_CREATED_V1 = 'marketing.campaign.created.v1';
export const CAMPAIGN_UPDATED_V1 = 'marketing.campaign.updated.v1';
/** Published when a campaign moves along planned → active → completed / aborted. */
export const CAMPAIGN_STATUS_CHANGED_V1 = 'marketing.campaign.status-changed.v1';

/** The campaign's own fields (no figures: they change with other apps' events, not with the campaign). */
export interface CampaignEventData {
  campaignId: string;
  name: string;
  type: CampaignType;
  parentId: string | null;
  status: CampaignStatus;
  startDate: string;
  endDate: string;
  budget: string;
  expectedRevenue: string;
  currency: string;
  strategy: string | null;
  variant: string | null;
  segment: { criteria: SegmentCriteria } | null;
  ownerId: string;
  version: number;
}

export interface CampaignUpdatedData extends CampaignEventData {
  /** Campaign fields that changed, or `actionPlan` (a step was added, changed or removed) or `members`. */
  changedFields: string[];
}

export interface CampaignStatusChangedData {
  campaignId: string;
  from: CampaignStatus;
  to: CampaignStatus;
  reason: string | null;
  version: number;
}
