import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { STAGE_KEY_RE } from './pipeline.types.js';
import {
  DATE_RE,
  OPPORTUNITY_CHANNELS,
  OPPORTUNITY_STATUSES,
  type OpportunityChannel,
  type OpportunityStatus,
} from './opportunity.types.js';

export const OPPORTUNITY_LIST_V1 = 'sales.opportunity.list.v1';

/** Newest first, within the caller's data scope. `closeDateFrom`/`closeDateTo` are both inclusive. */
export class ListOpportunitiesDto {
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsIn(OPPORTUNITY_STATUSES)
  status?: OpportunityStatus;

  @IsOptional()
  @Matches(STAGE_KEY_RE, { message: 'stage must be a stage key' })
  stage?: string;

  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @IsOptional()
  @IsIn(OPPORTUNITY_CHANNELS)
  channel?: OpportunityChannel;

  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @IsOptional()
  @Matches(DATE_RE, { message: 'closeDateFrom must be a date, YYYY-MM-DD' })
  closeDateFrom?: string;

  @IsOptional()
  @Matches(DATE_RE, { message: 'closeDateTo must be a date, YYYY-MM-DD' })
  closeDateTo?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}
