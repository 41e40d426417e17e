import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { INDUSTRY_PREFIX_RE } from '../../industry-code.js';

/**
 * Marketing campaigns (SPEC §6.1): types, hierarchy, dates, budget, expected revenue, status, an
 * action plan of steps, members from static lists or a dynamic segment, and figures (actual cost,
 * revenue from won opportunities, leads, ROI). Writes need `campaign.write`, reads `campaign.read`.
 * One file per message beside this one.
 */
export const CAMPAIGN_TYPES = ['phone', 'sms', 'email', 'event', 'online-ad', 'print', 'tv', 'partner'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'aborted'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** planned → active → completed / aborted; a planned campaign may also be aborted. */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  planned: ['active', 'aborted'],
  active: ['completed', 'aborted'],
  completed: [],
  aborted: [],
};

export const CAMPAIGN_STEP_STATUSES = ['todo', 'doing', 'done', 'cancelled'] as const;
export type CampaignStepStatus = (typeof CAMPAIGN_STEP_STATUSES)[number];

export const CAMPAIGN_MEMBER_KINDS = ['lead', 'account'] as const;
export type CampaignMemberKind = (typeof CAMPAIGN_MEMBER_KINDS)[number];

export const CAMPAIGN_RESPONSE_STATUSES = ['targeted', 'sent', 'responded', 'converted', 'opted-out'] as const;
export type CampaignResponseStatus = (typeof CAMPAIGN_RESPONSE_STATUSES)[number];

/** The lead statuses of the lead feature (shared `lead.status` column). */
export const SEGMENT_LEAD_STATUSES = ['new', 'working', 'nurturing', 'qualified', 'converted', 'disqualified'] as const;
export type SegmentLeadStatus = (typeof SEGMENT_LEAD_STATUSES)[number];

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** `end` on or after the date in `startField` (both YYYY-MM-DD; only checked when both are present). */
export function IsOnOrAfter(startField: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOnOrAfter',
      validator: {
        validate: (value: unknown, args) => {
          const start = (args?.object as Record<string, unknown> | undefined)?.[startField];
          return !isCalendarDate(value) || !isCalendarDate(start) || value >= start;
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must be on or after ${startField}`,
      },
    },
    options,
  );
}

/** Strategy and A/B variant labels: short free text compared exactly. */
export const LABEL_RE = /^[\p{L}\p{N}][\p{L}\p{N} ._:/-]{0,63}$/u;

/**
 * A dynamic segment over leads (`lead`) and sales accounts (`sales_account_fact`). Criteria are
 * ANDed; each list is ORed within itself. Industry codes and region prefixes match by prefix
 * (`I` matches `I64`, `4403` matches `440305`). `minScore` and `leadStatuses` are lead-only:
 * when either is given, `memberKinds` defaults to leads only; otherwise to both. Leads default to
 * the open statuses (new, working, nurturing, qualified).
 */
export class SegmentCriteriaDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(INDUSTRY_PREFIX_RE, { each: true, message: 'industryCodes must be GB/T 4754 codes like I or I64' })
  industryCodes?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[0-9]{2,6}$/, { each: true, message: 'regionPrefixes must be 2 to 6 digits of a region code' })
  regionPrefixes?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  segments?: string[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  minScore?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(SEGMENT_LEAD_STATUSES, { each: true })
  leadStatuses?: SegmentLeadStatus[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn(CAMPAIGN_MEMBER_KINDS, { each: true })
  memberKinds?: CampaignMemberKind[];
}

/** `{criteria}`: a campaign's dynamic segment. */
export class CampaignSegmentDto {
  @ValidateNested()
  @Type(() => SegmentCriteriaDto)
  criteria: SegmentCriteriaDto;
}

export interface SegmentCriteria {
  industryCodes?: string[];
  regionPrefixes?: string[];
  segments?: string[];
  minScore?: number;
  leadStatuses?: SegmentLeadStatus[];
  memberKinds?: CampaignMemberKind[];
}

/** A campaign's figures (SPEC §6.1); money in the campaign's currency. */
export interface CampaignFigures {
  /** Sum of the action plan's step costs (cancelled steps excluded). */
  actualCost: string;
  /** Sum of the amounts of won opportunities carrying this campaignId, each opportunity once. */
  actualRevenue: string;
  /** Leads captured with this campaignId. */
  leads: number;
  convertedLeads: number;
  wonOpportunities: number;
  /** (actualRevenue − actualCost) / actualCost, 4 decimal places; null while the cost is 0. */
  roi: string | null;
}

export interface CampaignView extends CampaignFigures {
  campaignId: string;
  name: string;
  type: CampaignType;
  parentId: string | null;
  status: CampaignStatus;
  startDate: string;
  endDate: string;
  budget: string;
  expectedRevenue: string;
  currency: string;
  strategy: string | null;
  variant: string | null;
  segment: { criteria: SegmentCriteria } | null;
  description: string | null;
  ownerId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** With `rollup: true` on get: the figures of this campaign and all its descendants together. */
  rollup?: CampaignFigures & { campaigns: number };
}

export interface CampaignPage {
  items: CampaignView[];
  nextCursor: string | null;
}

export interface CampaignStepView {
  stepId: string;
  campaignId: string;
  title: string;
  description: string | null;
  ownerId: string | null;
  dueDate: string | null;
  status: CampaignStepStatus;
  cost: string;
  currency: string;
  /** Due before today (UTC) and still todo or doing. */
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignStepPage {
  items: CampaignStepView[];
  nextCursor: string | null;
}

export interface CampaignMemberView {
  campaignId: string;
  memberKind: CampaignMemberKind;
  memberId: string;
  /** `static` (added by id) or `segment` (from the campaign's dynamic segment). */
  source: 'static' | 'segment';
  responseStatus: CampaignResponseStatus;
  version: number;
  addedAt: string;
  respondedAt: string | null;
}

export interface CampaignMemberPage {
  items: CampaignMemberView[];
  nextCursor: string | null;
}

/** The reply of members.add and members.refresh. */
export interface CampaignMembersChange {
  campaignId: string;
  added: number;
  removed: number;
  total: number;
}

/**
 * `limit` (1–200, default 50) and `cursor` (the previous page's `nextCursor`) of the campaign,
 * step, member and plan lists. Only the cursor's alphabet and length are checked here; marketing
 * verifies it (4220 on `cursor` for one it did not issue).
 */
export class CampaignListPageDto {
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

/** Money that cannot be negative (budgets, costs, targets): `"1200.00"`. */
export function IsNonNegativeMoney(): PropertyDecorator {
  return Matches(/^(0|[1-9][0-9]{0,15})\.[0-9]{2}$/, {
    message: ({ property }) => `${property} must be money of 0 or more with 2 decimal places, e.g. "1200.00"`,
  });
}
