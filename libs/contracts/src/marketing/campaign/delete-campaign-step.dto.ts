import { IsInt, IsUUID, Min } from 'class-validator';

export const CAMPAIGN_STEP_DELETE_V1 = 'marketing.campaign.step.delete.v1';

/** Removes a step (`version` as read; stale is 4090). Reply `{stepId, deleted: true}`. */
export class DeleteCampaignStepDto {
  @IsUUID('4')
  stepId: string;

  @IsInt()
  @Min(1)
  version: number;
}
