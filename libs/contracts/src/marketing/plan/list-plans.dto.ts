import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CampaignListPageDto, IsCalendarDate } from '../campaign/campaign.types.js';

export const PLAN_LIST_V1 = 'marketing.plan.list.v1';

/** Newest first. `activeOn` keeps plans whose period contains that date. */
export class ListPlansDto extends CampaignListPageDto {
  @IsOptional()
  @IsCalendarDate()
  activeOn?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  territoryId?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  segment?: string;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
