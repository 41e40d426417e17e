import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { TRACE_ID_PATTERN } from '@crm/tracing';
import type { CallDirection } from '@crm/contracts';
import { PageQuery, TimeRangeDto, toBool, toInt } from '@crm/persistence';
import { AUDIT_PAGE, type SortOrder } from '../log-query/log-list.js';
import { CALL_LOG_WIDTHS } from './call-event.parser.js';
import { CALL_SORTS } from './call-log.repository.js';

/** `traceId`: all legs of one trace, 32 hex digits as in `traceparent` (upper case is accepted and lower-cased). */
export function TraceIdFilter(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'every leg of one trace (W3C trace id: 32 hex digits, as in traceparent)' }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsString(),
    Matches(TRACE_ID_PATTERN, { message: 'traceId must be 32 hexadecimal digits' }),
  );
}

/**
 * The call-log filters, shared by `GET /audit/calls` and `GET /audit/calls/histogram`. `from` is
 * inclusive, `to` exclusive.
 */
export class CallFilterDto extends TimeRangeDto {
  @ApiPropertyOptional({ description: "the calling system's caller name, exact (e.g. EOMS); `*` is a wildcard (`EOMS*`)" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.caller)
  caller?: string;

  @ApiPropertyOptional({ description: 'the called system, exact' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.callee)
  callee?: string;

  @ApiPropertyOptional({ description: 'the app that recorded the call (auth, marketing, sales, service, audit)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.service)
  service?: string;

  @ApiPropertyOptional({
    description: 'the message pattern, exact (e.g. service.workorder.dispatch.v1); `*` is a wildcard (`service.workorder.*`, `*.query.v1`)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.pattern)
  pattern?: string;

  @ApiPropertyOptional({ description: 'inbound: the app was called; outbound: it called another system' })
  @IsOptional()
  @IsIn(['inbound', 'outbound'])
  direction?: CallDirection;

  @ApiPropertyOptional({ description: 'the result code: 0, or a wire contract error code (e.g. 4002)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(99999)
  code?: number;

  @ApiPropertyOptional({ description: 'true: succeeded (code 0); false: failed' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  ok?: boolean;

  @ApiPropertyOptional({ description: 'the employee ID the caller acted for' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.actor)
  actor?: string;

  @ApiPropertyOptional({
    description: "the caller's requestId (else the call's record id), exact; `*` is a wildcard (`ord-2026*`); note the spelling: requestId",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(CALL_LOG_WIDTHS.requestId)
  requestId?: string;

  @TraceIdFilter()
  traceId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      "calls made under a CRM app's own caller (`crm-<app>`: calls between the apps, credential and session checks): " +
      '`false` hides them, `true` shows only them; absent, all calls',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  internal?: boolean;
}

/** `GET /audit/calls` query (SPEC §5.1): the filters, a page, and an optional sort. */
export class CallQueryDto extends PageQuery(AUDIT_PAGE, CallFilterDto) {
  @ApiPropertyOptional({ enum: CALL_SORTS, default: 'at', description: 'column to sort on (ties: insertion order)' })
  @IsOptional()
  @IsIn(CALL_SORTS)
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: SortOrder;
}

/** Most buckets a histogram answers (and the default): enough for a chart across a wide screen. */
export const HISTOGRAM_BUCKETS = { default: 60, max: 240 };

/** `GET /audit/calls/histogram` query: the filters, and about how many buckets to cut the range into. */
export class CallHistogramQueryDto extends CallFilterDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: HISTOGRAM_BUCKETS.max,
    default: HISTOGRAM_BUCKETS.default,
    description:
      'at most this many buckets; the bucket width is rounded up to 1, 5, 10, 15, 30 s, 1, 5, 10, 15, 30 min, 1, 3, 6, 12 h or whole days',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(HISTOGRAM_BUCKETS.max)
  buckets?: number;
}
