import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
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
import { IsLeadAttributes, LEAD_SOURCES, REGION_PREFIX_RE, SEGMENT_RE, type LeadAttributes, type LeadSource } from './lead.types.js';
import { INDUSTRY_PREFIX_RE } from '../../industry-code.js';

/**
 * Scoring rules (SPEC §6.1 `marketing.scoring-rule.*`): each adds `points` (negative allowed) to a
 * lead's score. A field rule holds when every condition it names holds; an engagement rule adds its
 * points per touch of a kind (optionally of one campaign), at most `maxTimes` times. Changing the
 * rules re-scores every open lead in the background (`marketing.scoring-rule.rescore-status.v1`).
 */
export const TOUCH_KINDS = ['capture', 'response', 'call', 'visit', 'email-open', 'email-click', 'event-attend', 'web-visit'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export class SizeRangeDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  min?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  max?: number;
}

/** Field conditions, all of which must hold. Prefixes follow the codes' hierarchy (`I6` matches `I65`, `44` matches `440305`). */
export class ScoringConditionsDto {
  @IsOptional()
  @Matches(INDUSTRY_PREFIX_RE, { message: 'industryCode must be a GB/T 4754 code or its prefix, e.g. I or I65' })
  industryCode?: string;

  @IsOptional()
  @Matches(REGION_PREFIX_RE, { message: 'regionCode must be 1 to 6 digits of a region code, e.g. 44 or 4403' })
  regionCode?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(SEGMENT_RE, { each: true, message: 'each segment must be lower-case letters, digits and -' })
  segment?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => SizeRangeDto)
  companySize?: SizeRangeDto;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LEAD_SOURCES, { each: true })
  source?: LeadSource[];

  /** Each named attribute must equal the value given. */
  @IsOptional()
  @IsLeadAttributes()
  attributes?: LeadAttributes;
}

export class EngagementDto {
  @IsIn(TOUCH_KINDS)
  touchKind: TouchKind;

  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxTimes?: number;
}

/** The fields create and update share; exactly one of `when` and `engagement` (4220 otherwise). */
export class ScoringRuleFieldsDto {
  @IsOptional()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  points?: number;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => ScoringConditionsDto)
  when?: ScoringConditionsDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => EngagementDto)
  engagement?: EngagementDto;
}

export class ScoringRuleNameDto extends ScoringRuleFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export interface ScoringConditions {
  industryCode?: string;
  regionCode?: string;
  segment?: string[];
  companySize?: { min?: number; max?: number };
  source?: LeadSource[];
  attributes?: LeadAttributes;
}

export interface Engagement {
  touchKind: TouchKind;
  campaignId?: string;
  maxTimes?: number;
}

export interface ScoringRuleView {
  ruleId: string;
  name: string;
  points: number;
  enabled: boolean;
  when: ScoringConditions | null;
  engagement: Engagement | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A rule change's reply: the rule and the re-scoring job it started. */
export interface ScoringRuleChange {
  rule: ScoringRuleView;
  rescoreJobId: string;
}

export interface ScoringRulePage {
  items: ScoringRuleView[];
  nextCursor: string | null;
}

export const RESCORE_JOB_STATUSES = ['pending', 'running', 'done', 'superseded'] as const;
export type RescoreJobStatus = (typeof RESCORE_JOB_STATUSES)[number];

/** Progress of a re-scoring job: leads scanned and changed so far of the open leads there were at its start. */
export interface RescoreStatusView {
  jobId: string;
  status: RescoreJobStatus;
  scanned: number;
  changed: number;
  total: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** The job that replaced this one when the rules changed again before it finished. */
  supersededBy: string | null;
  createdAt: string;
}
