import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CAMPAIGN_STEP_STATUSES, IsCalendarDate, type CampaignStepStatus, IsNonNegativeMoney } from './campaign.types.js';

export const CAMPAIGN_STEP_CREATE_V1 = 'marketing.campaign.step.create.v1';

/** A step of a campaign's action plan; its cost (in the campaign's currency) adds to the campaign's actual cost. */
export class CreateCampaignStepDto {
  @IsUUID('4')
  campaignId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @IsOptional()
  @IsIn(CAMPAIGN_STEP_STATUSES)
  status?: CampaignStepStatus;

  /** Default "0.00"; never negative. */
  @IsOptional()
  @IsNonNegativeMoney()
  cost?: string;
}
