import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CAMPAIGN_STEP_STATUSES, CampaignListPageDto, type CampaignStepStatus } from './campaign.types.js';

export const CAMPAIGN_STEP_LIST_V1 = 'marketing.campaign.step.list.v1';

/** A campaign's action plan, newest step first; `overdue: true` keeps only overdue steps. */
export class ListCampaignStepsDto extends CampaignListPageDto {
  @IsUUID('4')
  campaignId: string;

  @IsOptional()
  @IsIn(CAMPAIGN_STEP_STATUSES)
  status?: CampaignStepStatus;

  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}
