import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import {
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  CampaignListPageDto,
  LABEL_RE,
  type CampaignStatus,
  type CampaignType,
} from './campaign.types.js';

export const CAMPAIGN_LIST_V1 = 'marketing.campaign.list.v1';

/** Newest first; each item with its figures. `parentId` lists a campaign's direct children. */
export class ListCampaignsDto extends CampaignListPageDto {
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;

  @IsOptional()
  @IsIn(CAMPAIGN_TYPES)
  type?: CampaignType;

  @IsOptional()
  @IsUUID('4')
  parentId?: string;

  @IsOptional()
  @Matches(LABEL_RE, { message: 'strategy must be a label' })
  strategy?: string;

  @IsOptional()
  @Matches(LABEL_RE, { message: 'variant must be a label' })
  variant?: string;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
