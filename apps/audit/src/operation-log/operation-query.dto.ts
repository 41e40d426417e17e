import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCallCursor, MAX_PAGE_SIZE, TimeRangeQueryDto, toInt } from '../call-log/call-query.dto.js';
import { OPERATION_LOG_WIDTHS } from './operation-event.parser.js';

/** `GET /audit/operations` query. `from` is inclusive, `to` exclusive; `employee` is the acting employee ID (or caller). */
export class OperationQueryDto extends TimeRangeQueryDto {

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(OPERATION_LOG_WIDTHS.actor)
  employee?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(OPERATION_LOG_WIDTHS.entity)
  entity?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(OPERATION_LOG_WIDTHS.entityId)
  entityId?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(OPERATION_LOG_WIDTHS.action)
  action?: string;

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
