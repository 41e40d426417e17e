import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CURRENCY_RE } from '../../money.js';
import {
  CAMPAIGN_TYPES,
  CampaignSegmentDto,
  IsCalendarDate,
  IsOnOrAfter,
  LABEL_RE,
  type CampaignType,
  IsNonNegativeMoney,
} from './campaign.types.js';

export const CAMPAIGN_CREATE_V1 = 'marketing.campaign.create.v1';

/** A new campaign, `planned`; the creator owns it unless `ownerId` names another employee. */
export class CreateCampaignDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsIn(CAMPAIGN_TYPES)
  type: CampaignType;

  @IsOptional()
  @IsUUID('4')
  parentId?: string;

  @IsCalendarDate()
  startDate: string;

  @IsCalendarDate()
  @IsOnOrAfter('startDate')
  endDate: string;

  @IsNonNegativeMoney()
  budget: string;

  @IsNonNegativeMoney()
  expectedRevenue: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code like CNY' })
  currency?: string;

  @IsOptional()
  @Matches(LABEL_RE, { message: 'strategy must be a label of up to 64 letters, digits, spaces and . _ : / -' })
  strategy?: string;

  @IsOptional()
  @Matches(LABEL_RE, { message: 'variant must be a label of up to 64 letters, digits, spaces and . _ : / -' })
  variant?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignSegmentDto)
  segment?: CampaignSegmentDto;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
