import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_RE, IsMoney } from '../../money.js';
import { OPPORTUNITY_CREATED_V1 } from '../../sales/opportunity/opportunity-created.event.js';
import { OPPORTUNITY_UPDATED_V1 } from '../../sales/opportunity/opportunity-updated.event.js';
import { OPPORTUNITY_WON_V1 } from '../../sales/opportunity/opportunity-won.event.js';
import { OPPORTUNITY_LOST_V1 } from '../../sales/opportunity/opportunity-lost.event.js';
import { ACCOUNT_CREATED_V1 } from '../../sales/account/account-created.event.js';
import { ACCOUNT_UPDATED_V1 } from '../../sales/account/account-updated.event.js';

/**
 * The sales events marketing's sales feed consumes (queue `<ns>.marketing.in.sales-feed`), by the
 * shapes sales publishes (docs/marketing/campaigns-plans-strategy.md). Only what marketing uses is
 * validated; other fields are dropped, so sales may add fields freely. `version` orders the
 * changes of one opportunity or account: a fact only ever moves to a higher version.
 */

export const SALES_FEED_PATTERNS = [
  OPPORTUNITY_CREATED_V1,
  OPPORTUNITY_UPDATED_V1,
  OPPORTUNITY_WON_V1,
  OPPORTUNITY_LOST_V1,
  ACCOUNT_CREATED_V1,
  ACCOUNT_UPDATED_V1,
] as const;

export const SALES_OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type SalesOpportunityStatus = (typeof SALES_OPPORTUNITY_STATUSES)[number];

/** A product line of a won or lost opportunity. */
export class SalesFeedLineDto {
  @IsUUID('all')
  productId: string;

  @IsMoney()
  amount: string;
}

/** What marketing uses of `sales.opportunity.created/updated/won/lost.v1`. */
export class SalesFeedOpportunityDto {
  @IsUUID('all')
  opportunityId: string;

  @IsOptional()
  @IsUUID('all')
  accountId?: string | null;

  @IsOptional()
  @IsUUID('all')
  leadId?: string | null;

  @IsOptional()
  @IsUUID('all')
  campaignId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  industryCode?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  territoryId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  ownerId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  channel?: string | null;

  @IsMoney()
  amount: string;

  @IsOptional()
  @Matches(CURRENCY_RE)
  currency?: string | null;

  /** Required on created/updated; won and lost events are won and lost whatever they say. */
  @IsOptional()
  @IsIn(SALES_OPPORTUNITY_STATUSES)
  status?: SalesOpportunityStatus | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  competitorIds?: string[] | null;

  /** On `lost.v1`: the competitor it was lost to. */
  @IsOptional()
  @IsUUID('all')
  competitorId?: string | null;

  @IsISO8601({ strict: true })
  createdAt: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  closedAt?: string | null;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SalesFeedLineDto)
  lines?: SalesFeedLineDto[] | null;
}

/** What marketing uses of `sales.account.created/updated.v1`. */
export class SalesFeedAccountDto {
  @IsUUID('all')
  accountId: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  industryCode?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  regionCode?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  segment?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  ownerId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  territoryId?: string | null;

  @IsISO8601({ strict: true })
  createdAt: string;

  @IsInt()
  @Min(1)
  version: number;
}
