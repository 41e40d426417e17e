import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CAMPAIGN_STEP_STATUSES, IsCalendarDate, type CampaignStepStatus, IsNonNegativeMoney } from './campaign.types.js';

export const CAMPAIGN_STEP_UPDATE_V1 = 'marketing.campaign.step.update.v1';

/** Changes a step (`version` as read; stale is 4090). `ownerId`, `dueDate`, `description` take null to clear. */
export class UpdateCampaignStepDto {
  @IsUUID('4')
  stepId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsCalendarDate()
  dueDate?: string | null;

  @IsOptional()
  @IsIn(CAMPAIGN_STEP_STATUSES)
  status?: CampaignStepStatus;

  @IsOptional()
  @IsNonNegativeMoney()
  cost?: string;
}
