import { IsUUID } from 'class-validator';

export const CAMPAIGN_MEMBERS_REFRESH_V1 = 'marketing.campaign.members.refresh.v1';

/**
 * Evaluates the campaign's dynamic segment now (it is also evaluated when the campaign becomes
 * active): matching leads/accounts not yet members are added as `targeted`; segment members still
 * `targeted` that no longer match are removed (static members and those who already got or gave
 * something stay). A campaign without a segment is 4220 on `segment`. Reply: `CampaignMembersChange`.
 */
export class RefreshCampaignMembersDto {
  @IsUUID('4')
  campaignId: string;
}
