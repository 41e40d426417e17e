import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import {
  CAMPAIGN_TYPES,
  CampaignSegmentDto,
  IsCalendarDate,
  IsOnOrAfter,
  LABEL_RE,
  type CampaignType,
  IsNonNegativeMoney,
} from './campaign.types.js';

export const CAMPAIGN_UPDATE_V1 = 'marketing.campaign.update.v1';

/**
 * Changes a planned or active campaign (completed and aborted ones are closed: 4090). `version` is
 * the one read; a stale one is 4090. `parentId`, `strategy`, `variant`, `segment` and `description`
 * take `null` to clear them. The currency is fixed at creation. Status changes go through
 * `marketing.campaign.transition.v1`.
 */
export class UpdateCampaignDto {
  @IsUUID('4')
  campaignId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsIn(CAMPAIGN_TYPES)
  type?: CampaignType;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsUUID('4')
  parentId?: string | null;

  @IsOptional()
  @IsCalendarDate()
  startDate?: string;

  @IsOptional()
  @IsCalendarDate()
  @IsOnOrAfter('startDate')
  endDate?: string;

  @IsOptional()
  @IsNonNegativeMoney()
  budget?: string;

  @IsOptional()
  @IsNonNegativeMoney()
  expectedRevenue?: string;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(LABEL_RE, { message: 'strategy must be a label of up to 64 letters, digits, spaces and . _ : / -' })
  strategy?: string | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(LABEL_RE, { message: 'variant must be a label of up to 64 letters, digits, spaces and . _ : / -' })
  variant?: string | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @ValidateNested()
  @Type(() => CampaignSegmentDto)
  segment?: CampaignSegmentDto | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
