import { ArrayMaxSize, ArrayUnique, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CURRENCY_RE, IsMoney } from '../../money.js';
import { STAGE_KEY_RE } from './pipeline.types.js';
import { DATE_RE, OPPORTUNITY_CHANNELS, type OpportunityChannel } from './opportunity.types.js';

export const OPPORTUNITY_CREATE_V1 = 'sales.opportunity.create.v1';

/**
 * A new opportunity on an account within the caller's data scope. Without `pipelineId` it gets the
 * pipeline claiming its channel, else the default one; without `stage`, that pipeline's first
 * stage. Without `ownerId`/`territoryId` the territory rules place it (the acting employee owns it
 * when no rule names an owner).
 */
export class CreateOpportunityDto {
  @IsUUID()
  accountId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsMoney()
  amount: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;

  @Matches(DATE_RE, { message: 'closeDate must be a date, YYYY-MM-DD' })
  closeDate: string;

  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @IsOptional()
  @Matches(STAGE_KEY_RE, { message: 'stage must be a stage key of the pipeline' })
  stage?: string;

  @IsIn(OPPORTUNITY_CHANNELS)
  channel: OpportunityChannel;

  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @IsOptional()
  @IsUUID()
  leadId?: string;

  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(20)
  competitorIds?: string[];

  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsUUID()
  territoryId?: string;
}
