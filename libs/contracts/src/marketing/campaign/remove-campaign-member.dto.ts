import { CampaignMemberRefDto } from './campaign-member-ref.dto.js';

export const CAMPAIGN_MEMBERS_REMOVE_V1 = 'marketing.campaign.members.remove.v1';

/** Removes one member (`version` as read; stale is 4090). Reply: `CampaignMembersChange`. */
export class RemoveCampaignMemberDto extends CampaignMemberRefDto {}
