import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import type { CallDirection } from '@crm/contracts';
import { CALL_LOG_WIDTHS } from './call-event.parser.js';
import { decodeCursor } from './call-cursor.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Date, or date and time with a zone; a time without a zone would depend on the server's clock. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function parseTimestamp(value: string): Date | null {
  if (!TIMESTAMP.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

export function IsTimestamp(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseTimestamp(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an ISO-8601 date or date-time with a zone, e.g. 2026-01-31T00:00:00Z`,
      },
    },
    options,
  );
}

export function IsLaterThan(other: 'from', options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isLaterThan',
      validator: {
        validate: (value: unknown, args) => {
          const start = (args?.object as Record<string, unknown> | undefined)?.[other];
          if (typeof value !== 'string' || typeof start !== 'string') return true;
          const a = parseTimestamp(start);
          const b = parseTimestamp(value);
          return a === null || b === null || b.getTime() > a.getTime();
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must be later than ${other}`,
      },
    },
    options,
  );
}

export function IsCallCursor(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCallCursor',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== null,
        defaultMessage: () => 'cursor must be a nextCursor value returned by this endpoint',
      },
    },
    options,
  );
}

/** Query strings are text: numbers and booleans are converted only when they are spelled exactly. */
export const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);
/** `+08:00` arrives as ` 08:00` when the client did not percent-encode the `+`. */
export const plusRestored = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/ (\d{2}:?\d{2})$/, '+$1') : value);

/** The time range every audit query and export takes: `from` inclusive, `to` exclusive, ISO-8601. */
export class TimeRangeQueryDto {
  @IsOptional()
  @Transform(plusRestored)
  @IsTimestamp()
  from?: string;

  @IsOptional()
  @Transform(plusRestored)
  @IsTimestamp()
  @IsLaterThan('from')
  to?: string;
}

/** `GET /audit/calls` query (SPEC §5.1). `from` is inclusive, `to` exclusive. */
export class CallQueryDto extends TimeRangeQueryDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.caller)
  caller?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.callee)
  callee?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.service)
  service?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.pattern)
  pattern?: string;

  @IsOptional()
  @IsIn(['inbound', 'outbound'])
  direction?: CallDirection;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(99999)
  code?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  ok?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.actor)
  actor?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.requestId)
  requestId?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsString()
  @IsCallCursor()
  cursor?: string;
}
