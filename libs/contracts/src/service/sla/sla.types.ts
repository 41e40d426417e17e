import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/**
 * Business calendars and SLA policies (SPEC §6.3 `service.calendar.*`, `service.sla-policy.*`).
 * Writes need `sla.manage`, reads `case.read`. One file per message beside this one.
 */

export const SLA_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type SlaPriority = (typeof SLA_PRIORITIES)[number];

export const SLA_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type SlaWeekday = (typeof SLA_WEEKDAYS)[number];

/**
 * An ISO-8601 duration without years or months (no fixed length): weeks, days, hours, minutes,
 * seconds (`PT4H`, `PT3S`, `P1DT12H`, `PT0.5S`). Groups: W, D, H, M, S.
 */
export const ISO_DURATION_RE =
  /^P(?!$)(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?=\d)(?:(\d{1,6})H)?(?:(\d{1,7})M)?(?:(\d{1,9}(?:\.\d{1,3})?)S)?)?$/;
/** `HH:MM` local time, `24:00` allowed as an end. */
export const HHMM_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const LOCAL_DATE_RE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
/** A customer tier an entitlement grants (`gold`, `vip`, …). */
export const SLA_TIER_RE = /^[a-z][a-z0-9-]{0,31}$/;

/** Seeded rows (migration `1765000500000-sla`): stable ids other features and tests may name. */
export const SEEDED_CALENDAR_24X7_ID = '5a1a0000-0000-4000-8000-000000000001';
export const SEEDED_CALENDAR_BUSINESS_HOURS_ID = '5a1a0000-0000-4000-8000-000000000002';
export const SEEDED_DEFAULT_SLA_POLICY_ID = '5a1a0000-0000-4000-8000-000000000010';

export class WorkIntervalDto {
  @Matches(HHMM_RE, { message: 'from must be HH:MM' })
  from: string;

  @Matches(HHMM_RE, { message: 'to must be HH:MM (24:00 allowed)' })
  to: string;
}

/** Working intervals per weekday; a day left out is closed. */
export class WeekHoursDto {
  @IsOptional() @IsArray() @ArrayMaxSize(8) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto) mon?: WorkIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(8) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto) tue?: WorkIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(8) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto) wed?: WorkIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(8) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto) thu?: WorkIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(8) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto) fri?: WorkIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(8) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto) sat?: WorkIntervalDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(8) @ValidateNested({ each: true }) @Type(() => WorkIntervalDto) sun?: WorkIntervalDto[];
}

/**
 * A dated exception: a holiday (no `hours`: closed all day), a half day (`hours` kept open), or a
 * make-up working day on a weekend (调休, `hours` open that day).
 */
export class HolidayDto {
  @Matches(LOCAL_DATE_RE, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => WorkIntervalDto)
  hours?: WorkIntervalDto[];
}

export class SlaTargetDto {
  @Matches(ISO_DURATION_RE, { message: 'response must be an ISO-8601 duration such as PT4H (no years or months)' })
  response: string;

  @Matches(ISO_DURATION_RE, { message: 'resolution must be an ISO-8601 duration such as P1DT4H (no years or months)' })
  resolution: string;
}

/** Response and resolution targets for each priority (all four). */
export class SlaTargetsDto {
  @ValidateNested() @Type(() => SlaTargetDto) urgent: SlaTargetDto;
  @ValidateNested() @Type(() => SlaTargetDto) high: SlaTargetDto;
  @ValidateNested() @Type(() => SlaTargetDto) normal: SlaTargetDto;
  @ValidateNested() @Type(() => SlaTargetDto) low: SlaTargetDto;
}

export interface SlaWorkInterval {
  from: string;
  to: string;
}

export interface CalendarView {
  calendarId: string;
  name: string;
  timeZone: string;
  hours: Record<SlaWeekday, SlaWorkInterval[]>;
  holidays: Array<{ date: string; name: string | null; hours: SlaWorkInterval[] | null }>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SlaPolicyView {
  slaPolicyId: string;
  name: string;
  /** The policy of a case no entitlement or tier chooses (exactly one). */
  isDefault: boolean;
  /** Customer tiers this policy serves when the entitlement names no policy (a tier belongs to one policy). */
  tiers: string[];
  calendarId: string;
  /** Share of a target after which the warning goes out; null uses `SERVICE_SLA_WARNING_PERCENT`. */
  warningPercent: number | null;
  targets: Record<SlaPriority, { response: string; resolution: string }>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarPage {
  items: CalendarView[];
  nextCursor: string | null;
}

export interface SlaPolicyPage {
  items: SlaPolicyView[];
  nextCursor: string | null;
}

/** `limit` (1–200, default 50) and `cursor` of the lists here (newest first). */
export class SlaPageDto {
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
