import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { CallDirection } from '@crm/contracts';
import { PageQuery, TimeRangeDto, toBool, toInt } from '@crm/persistence';
import { AUDIT_PAGE } from '../log-query/log-list.js';
import { CALL_LOG_WIDTHS } from './call-event.parser.js';

/** `GET /audit/calls` query (SPEC §5.1). `from` is inclusive, `to` exclusive. */
export class CallQueryDto extends PageQuery(AUDIT_PAGE, TimeRangeDto) {
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
}
