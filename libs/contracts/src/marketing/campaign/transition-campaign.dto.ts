import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { CAMPAIGN_STATUSES, type CampaignStatus } from './campaign.types.js';

export const CAMPAIGN_TRANSITION_V1 = 'marketing.campaign.transition.v1';

/**
 * Moves a campaign along planned → active → completed / aborted (planned → aborted too); any other
 * move is 4090. Becoming active evaluates the campaign's dynamic segment into its members.
 */
export class TransitionCampaignDto {
  @IsUUID('4')
  campaignId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsIn(CAMPAIGN_STATUSES)
  status: CampaignStatus;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
