import { IsIn, IsInt, IsUUID, Min } from 'class-validator';
import { CAMPAIGN_MEMBER_KINDS, type CampaignMemberKind } from './campaign.types.js';

/** Addresses one member of a campaign at the version read. */
export class CampaignMemberRefDto {
  @IsUUID('4')
  campaignId: string;

  @IsIn(CAMPAIGN_MEMBER_KINDS)
  memberKind: CampaignMemberKind;

  @IsUUID('all')
  memberId: string;

  @IsInt()
  @Min(1)
  version: number;
}
