import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

export const CAMPAIGN_MEMBERS_ADD_V1 = 'marketing.campaign.members.add.v1';

/**
 * A static list: leads and/or sales accounts by id (at most 1000 each per call), added as
 * `targeted`; ids already members are left as they are. An id marketing does not know is 4220
 * naming it (`leadIds.3`). Reply: `CampaignMembersChange`.
 */
export class AddCampaignMembersDto {
  @IsUUID('4')
  campaignId: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  leadIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  accountIds?: string[];
}
