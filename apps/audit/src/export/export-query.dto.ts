import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { CallDirection } from '@crm/contracts';
import { TimeRangeDto, toBool, toInt } from '@crm/persistence';
import { CALL_LOG_WIDTHS } from '../call-log/call-event.parser.js';
import { TraceIdFilter } from '../call-log/call-query.dto.js';
import { CHAIN_LOGS, type ChainLog } from '../integrity/chain-logs.js';
import { OPERATION_LOG_WIDTHS } from '../operation-log/operation-event.parser.js';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * `GET /audit/export`: the query endpoints' filters (those of the chosen log), a time range
 * [from, to), a format and optional gzip. No limit and no cursor: the whole range is streamed.
 */
export class ExportQueryDto extends TimeRangeDto {
  @ApiProperty({ description: 'which log to export' })
  @IsIn(CHAIN_LOGS)
  log!: ChainLog;

  @ApiPropertyOptional({ description: 'ndjson (default) or csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ description: 'gzip the stream' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  gzip?: boolean;

  /**
   * CSV only: cells exactly as stored. By default a cell a spreadsheet would run as a formula
   * (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'`. NDJSON is always exact.
   */
  @ApiPropertyOptional({ description: "CSV only: cells exactly as stored; by default a cell starting like a formula is prefixed with '" })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  raw?: boolean;

  // call log filters
  @IsOptional() @IsString() @MinLength(1) @MaxLength(CALL_LOG_WIDTHS.caller) caller?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(CALL_LOG_WIDTHS.callee) callee?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(CALL_LOG_WIDTHS.service) service?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(CALL_LOG_WIDTHS.pattern) pattern?: string;
  @IsOptional() @IsIn(['inbound', 'outbound']) direction?: CallDirection;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(99999) code?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() ok?: boolean;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(CALL_LOG_WIDTHS.actor) actor?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(CALL_LOG_WIDTHS.requestId) requestId?: string;
  @TraceIdFilter() traceId?: string;
  /** As on `GET /audit/calls`: `false` leaves out the CRM apps' own calls, `true` keeps only them. */
  @IsOptional() @Transform(toBool) @IsBoolean() internal?: boolean;

  // operation log filters
  @IsOptional() @IsString() @MinLength(1) @MaxLength(OPERATION_LOG_WIDTHS.actor) employee?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(OPERATION_LOG_WIDTHS.entity) entity?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(OPERATION_LOG_WIDTHS.entityId) entityId?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(OPERATION_LOG_WIDTHS.action) action?: string;
}
