import { IsIn } from 'class-validator';
import { CAMPAIGN_RESPONSE_STATUSES, type CampaignResponseStatus } from './campaign.types.js';
import { CampaignMemberRefDto } from './campaign-member-ref.dto.js';

export const CAMPAIGN_MEMBERS_RESPOND_V1 = 'marketing.campaign.members.respond.v1';

/**
 * Records a member's response. `opted-out` is final (a later change is 4090); any other status
 * may follow any other (a "sent" recorded late after "responded" is a correction).
 */
export class RespondCampaignMemberDto extends CampaignMemberRefDto {
  @IsIn(CAMPAIGN_RESPONSE_STATUSES)
  responseStatus: CampaignResponseStatus;
}
