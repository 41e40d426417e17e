import {
  ArrayMaxSize,
  ArrayUnique,
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
} from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CURRENCY_RE, IsMoney } from '../../money.js';
import { STAGE_KEY_RE } from './pipeline.types.js';
import { DATE_RE, OPPORTUNITY_CHANNELS, type OpportunityChannel } from './opportunity.types.js';

export const OPPORTUNITY_UPDATE_V1 = 'sales.opportunity.update.v1';

/**
 * Changes an open opportunity; `version` is the one last read (stale → 4090). A stage move is
 * recorded in the stage history and sets `probability` from the stage. Won/lost stages are reached
 * only through `sales.opportunity.close.v1`. `null` clears `campaignId`/`partnerId`.
 */
export class UpdateOpportunityDto {
  @IsUUID()
  opportunityId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsMoney()
  amount?: string;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code, e.g. CNY' })
  currency?: string;

  @IsOptional()
  @Matches(DATE_RE, { message: 'closeDate must be a date, YYYY-MM-DD' })
  closeDate?: string;

  /** Moving to another pipeline: `stage` names a stage of it (its first stage otherwise). */
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @IsOptional()
  @Matches(STAGE_KEY_RE, { message: 'stage must be a stage key of the pipeline' })
  stage?: string;

  @IsOptional()
  @IsIn(OPPORTUNITY_CHANNELS)
  channel?: OpportunityChannel;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  campaignId?: string | null;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  partnerId?: string | null;

  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(20)
  competitorIds?: string[];

  /** Hands the opportunity to another employee within the caller's data scope. */
  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
