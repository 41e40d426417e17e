import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

export const CAMPAIGN_GET_V1 = 'marketing.campaign.get.v1';

/** One campaign with its figures; `rollup: true` adds the figures of it and all its descendants. */
export class GetCampaignDto {
  @IsUUID('4')
  campaignId: string;

  @IsOptional()
  @IsBoolean()
  rollup?: boolean;
}
