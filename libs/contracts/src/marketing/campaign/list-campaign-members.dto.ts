import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  CAMPAIGN_MEMBER_KINDS,
  CAMPAIGN_RESPONSE_STATUSES,
  CampaignListPageDto,
  type CampaignMemberKind,
  type CampaignResponseStatus,
} from './campaign.types.js';

export const CAMPAIGN_MEMBERS_LIST_V1 = 'marketing.campaign.members.list.v1';

/** A campaign's members, newest first. */
export class ListCampaignMembersDto extends CampaignListPageDto {
  @IsUUID('4')
  campaignId: string;

  @IsOptional()
  @IsIn(CAMPAIGN_MEMBER_KINDS)
  memberKind?: CampaignMemberKind;

  @IsOptional()
  @IsIn(CAMPAIGN_RESPONSE_STATUSES)
  responseStatus?: CampaignResponseStatus;
}
