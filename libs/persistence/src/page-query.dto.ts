import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { ListCursorCodec } from './list-cursor.js';

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
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 date or date-time with a zone, e.g. 2026-01-31T00:00:00Z`,
      },
    },
    options,
  );
}

export function IsLaterThan(other: string, options?: ValidationOptions) {
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

/** The keyless part of the cursor check (ListCursorCodec.decode does the rest in the service). */
export function IsListCursor(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isListCursor',
      validator: {
        validate: (value: unknown) => ListCursorCodec.isWellFormed(value),
        defaultMessage: () => 'cursor must be a nextCursor value returned by this list',
      },
    },
    options,
  );
}

/** Query strings are text: numbers and booleans are converted only when they are spelled exactly. */
export const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value);
export const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
/** `+08:00` arrives as ` 08:00` when the client did not percent-encode the `+`. */
export const plusRestored = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/ (\d{2}:?\d{2})$/, '+$1') : value;

/** A time range on a list or an export: `from` inclusive, `to` exclusive, ISO-8601 with a zone. */
export class TimeRangeDto {
  @ApiPropertyOptional({ description: 'inclusive, ISO-8601 with a zone' })
  @IsOptional()
  @Transform(plusRestored)
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'exclusive, ISO-8601 with a zone' })
  @IsOptional()
  @Transform(plusRestored)
  @IsTimestamp()
  @IsLaterThan('from')
  to?: string;
}

/** The validated text of a TimeRangeDto as the bounds a query takes. */
export function timeBounds(q: TimeRangeDto): { from?: Date; to?: Date } {
  return {
    from: q.from === undefined ? undefined : (parseTimestamp(q.from) ?? undefined),
    to: q.to === undefined ? undefined : (parseTimestamp(q.to) ?? undefined),
  };
}

export interface PageSize {
  defaultLimit: number;
  maxLimit: number;
}

/** Business lists (SPEC §6.0): `limit` ≤ 200. */
export const BUSINESS_PAGE: PageSize = { defaultLimit: 50, maxLimit: 200 };

type Constructor<T = object> = new (...args: any[]) => T;

export interface PageQueryFields {
  limit?: number;
  cursor?: string;
}

/**
 * `limit` and `cursor` of a list query, on top of `Base` (e.g. TimeRangeDto): a feature's query
 * DTO is `class ListLeadsQuery extends PageQuery() { …filters }`.
 */
export function PageQuery<B extends Constructor>(size: PageSize = BUSINESS_PAGE, Base: B = class {} as B) {
  class PageQueryDto extends Base implements PageQueryFields {
    @ApiPropertyOptional({ minimum: 1, maximum: size.maxLimit, default: size.defaultLimit })
    @IsOptional()
    @Transform(toInt)
    @IsInt()
    @Min(1)
    @Max(size.maxLimit)
    limit?: number;

    @ApiPropertyOptional({ description: "the previous page's nextCursor" })
    @IsOptional()
    @IsString()
    @IsListCursor()
    cursor?: string;
  }
  return PageQueryDto;
}
