import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { INDUSTRY_CODE_RE } from '../../industry-code.js';

/**
 * Leads of the marketing app (SPEC §6.1). Writes need `lead.write`, reads `lead.read`; each sees
 * only leads in the employee's marketing data scope, phone and e-mail masked without
 * `customer.pii.read`. One file per message beside this one.
 */
export const LEAD_STATUSES = ['new', 'working', 'nurturing', 'qualified', 'converted', 'disqualified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** A lead in one of these is "open": it takes touches, is deduplicated against and re-scored. */
export const OPEN_LEAD_STATUSES = ['new', 'working', 'nurturing', 'qualified'] as const satisfies readonly LeadStatus[];

export function isOpenLeadStatus(status: string): boolean {
  return (OPEN_LEAD_STATUSES as readonly string[]).includes(status);
}

/** The channels a lead comes from (SPEC §6.1: form, phone, event, partner, online ad, …). */
export const LEAD_SOURCES = ['form', 'phone', 'event', 'partner', 'online-ad', 'sms', 'email', 'referral', 'import', 'other'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/** GB/T 4754-2017: a section letter A–T, optionally followed by division/group/class digits (`I`, `I65`, `I6510`). */
/** A 6-digit administrative division code (GB/T 2260), e.g. `440305`. */
export const REGION_CODE_RE = /^[0-9]{6}$/;
/** A prefix of a region code (province `44`, city `4403`, district `440305`) as rules and filters take it. */
export const REGION_PREFIX_RE = /^[0-9]{1,6}$/;
/** A prefix of an industry code (`I`, `I6`, `I65`). */
export const SEGMENT_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;

const ATTRIBUTE_KEY_RE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const MAX_ATTRIBUTES = 32;

/** Free attributes of a lead: at most 32 keys, each a string (≤ 500), a finite number or a boolean. */
export type LeadAttributes = Record<string, string | number | boolean>;

export function attributesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_ATTRIBUTES) return `may hold at most ${MAX_ATTRIBUTES} keys`;
  for (const [k, v] of entries) {
    if (!ATTRIBUTE_KEY_RE.test(k)) return `key ${JSON.stringify(k.slice(0, 64))} must start with a letter and hold letters, digits, _ . -`;
    const ok = (typeof v === 'string' && v.length <= 500) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
    if (!ok) return `${k} must be a string of at most 500 characters, a number or a boolean`;
  }
  return null;
}

export function IsLeadAttributes(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isLeadAttributes',
      validator: {
        validate: (value: unknown) => attributesProblem(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'attributes'} ${attributesProblem(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

/**
 * The descriptive fields capture and update share. `phone` is checked loosely here (characters and
 * length); the lead service normalises it and answers 4220 on `phone` for a number that is not a
 * mainland mobile or landline.
 */
export class LeadFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  /** Surrounding spaces (pasted addresses) are trimmed before the check. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @IsOptional()
  @Matches(INDUSTRY_CODE_RE, { message: 'industryCode must be a GB/T 4754 code: a letter A–T and up to 4 digits, e.g. I65' })
  industryCode?: string;

  @IsOptional()
  @Matches(REGION_CODE_RE, { message: 'regionCode must be a 6-digit administrative division code, e.g. 440305' })
  regionCode?: string;

  @IsOptional()
  @Matches(SEGMENT_RE, { message: 'segment must be lower-case letters, digits and -, at most 32' })
  segment?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  companySize?: number;

  @IsOptional()
  @IsLeadAttributes()
  attributes?: LeadAttributes;
}

/** The name every lead has. */
export class LeadNameDto extends LeadFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

/** One rule's contribution to a lead's score, with why it applied. */
export interface ScoreReason {
  ruleId: string;
  points: number;
  why: string;
}

export interface LeadView {
  leadId: string;
  name: string;
  company: string | null;
  /** As normalised: 11 digits for a mobile, area code + number for a landline. */
  phone: string | null;
  /** Trimmed and lower-cased. */
  email: string | null;
  industryCode: string | null;
  regionCode: string | null;
  segment: string | null;
  companySize: number | null;
  source: LeadSource;
  campaignId: string | null;
  attributes: LeadAttributes;
  status: LeadStatus;
  /** Why it was disqualified (or `merged into <leadId>`). */
  statusReason: string | null;
  score: number;
  scoreReasons: ScoreReason[];
  ownerId: string | null;
  /** The surviving lead this one was merged into; null otherwise. */
  mergedIntoId: string | null;
  /** Filled by the conversion into sales (issue 10 item 4). */
  accountId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  convertedAt: string | null;
  /** The conversion saga: `converting` while sales works on it, `failed` after a refusal (see `conversionError`). */
  conversionStatus: 'converting' | 'converted' | 'failed' | null;
  conversionError: { code: number; message: string; details: Array<{ field: string; reasons: string[] }> } | null;
  touches: number;
  lastTouchAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LeadPage {
  items: LeadView[];
  nextCursor: string | null;
}

/** The reply to a capture (SPEC §6.1). */
export interface CaptureLeadReply {
  leadId: string;
  status: LeadStatus;
  score: number;
  ownerId: string | null;
  /** True when the capture was recorded as a touch on an existing open lead. */
  duplicate: boolean;
}

export const LEAD_HISTORY_ACTIONS = [
  'captured',
  'touched',
  'updated',
  'status-changed',
  'assigned',
  'merged',
  'merged-into',
  'rescored',
  'converting',
  'converted',
  'convert-failed',
] as const;
export type LeadHistoryAction = (typeof LEAD_HISTORY_ACTIONS)[number];

/** One change of a lead, newest first in `marketing.lead.history.v1`. */
export interface LeadHistoryEntry {
  entryId: string;
  leadId: string;
  /** The lead the entry was first written for: differs from `leadId` for history moved by a merge. */
  originLeadId: string;
  action: LeadHistoryAction;
  actor: string;
  /** What changed: the fields with their old and new values, or what the action carried. */
  details: Record<string, unknown>;
  at: string;
}

export interface LeadHistoryPage {
  items: LeadHistoryEntry[];
  nextCursor: string | null;
}
