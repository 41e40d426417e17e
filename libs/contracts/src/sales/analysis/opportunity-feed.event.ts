import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CURRENCY_RE, IsMoney } from '../../money.js';
import { OPPORTUNITY_CREATED_V1 } from '../opportunity/opportunity-created.event.js';
import { OPPORTUNITY_LOST_V1 } from '../opportunity/opportunity-lost.event.js';
import { OPPORTUNITY_UPDATED_V1 } from '../opportunity/opportunity-updated.event.js';
import { OPPORTUNITY_WON_V1 } from '../opportunity/opportunity-won.event.js';
import { SALES_OPPORTUNITY_REASSIGNED_V1 } from '../team/opportunity-reassigned.event.js';

/**
 * The opportunity events analysis consumes (brief "Shared events"; the producer's own types live in
 * the opportunity contracts). Named apart from the producer's constants so the two barrels never
 * export the same name; the strings are the frozen SPEC §6.2 patterns.
 */
export const ANALYSIS_FEED = {
  created: OPPORTUNITY_CREATED_V1,
  updated: OPPORTUNITY_UPDATED_V1,
  won: OPPORTUNITY_WON_V1,
  lost: OPPORTUNITY_LOST_V1,
  reassigned: SALES_OPPORTUNITY_REASSIGNED_V1,
} as const;

export const ANALYSIS_FEED_PATTERNS: readonly string[] = Object.values(ANALYSIS_FEED);

export const ANALYSIS_OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type AnalysisOpportunityStatus = (typeof ANALYSIS_OPPORTUNITY_STATUSES)[number];

export const ANALYSIS_CHANNELS = ['field', 'phone', 'partner', 'online'] as const;
export type AnalysisChannel = (typeof ANALYSIS_CHANNELS)[number];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What analysis reads of the OpportunityView in `sales.opportunity.created/updated/won/lost.v1`
 * (besides `eventId`/`occurredAt`): only the fields it groups, filters or sums by. Unknown fields
 * are dropped by the inbox, so the producer may add fields freely. `version` orders the changes of
 * one opportunity: an older one arriving late is ignored.
 */
export class OpportunityFactEventDto {
  @IsUUID()
  opportunityId: string;

  @IsMoney()
  amount: string;

  @IsOptional()
  @Matches(CURRENCY_RE)
  currency?: string;

  @Matches(DATE_RE, { message: 'closeDate must be a date YYYY-MM-DD' })
  closeDate: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  pipelineId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  stage: string;

  @IsInt()
  @Min(0)
  @Max(100)
  probability: number;

  @IsIn(ANALYSIS_OPPORTUNITY_STATUSES)
  status: AnalysisOpportunityStatus;

  @IsIn(ANALYSIS_CHANNELS)
  channel: AnalysisChannel;

  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  territoryId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(8)
  industryCode?: string | null;

  @IsISO8601({ strict: true })
  createdAt: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  closedAt?: string | null;

  @IsInt()
  @Min(1)
  version: number;
}

/** One product's share of a won opportunity: the net amount of its accepted quote's lines. */
export class OpportunityLineEventDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  productId: string;

  @IsMoney()
  amount: string;
}

/** `sales.opportunity.won.v1` / `lost.v1`: the view after closing plus the accepted quote's `lines` (`[]` if none). */
export class OpportunityClosedEventDto extends OpportunityFactEventDto {
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OpportunityLineEventDto)
  lines?: OpportunityLineEventDto[];
}

/** `sales.opportunity.reassigned.v1`: only owner and territory move (territory realignment). */
export class OpportunityReassignedEventDto {
  @IsUUID()
  opportunityId: string;

  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  territoryId?: string | null;

  @IsInt()
  @Min(1)
  version: number;
}
