import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery, TimeRangeDto, toBool } from '@crm/persistence';
import { AUDIT_PAGE } from '../log-query/log-list.js';
import { OPERATION_LOG_WIDTHS } from './operation-event.parser.js';

/** `GET /audit/operations` query. `from` is inclusive, `to` exclusive; `employee` is the acting employee ID (or caller). */
export class OperationQueryDto extends PageQuery(AUDIT_PAGE, TimeRangeDto) {
  @ApiPropertyOptional({ description: 'who made the change: an employee ID, or the caller name of a system call' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(OPERATION_LOG_WIDTHS.actor)
  employee?: string;

  @ApiPropertyOptional({ description: 'e.g. account, workorder, employee' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(OPERATION_LOG_WIDTHS.entity)
  entity?: string;

  @ApiPropertyOptional({ description: "the changed record's id" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(OPERATION_LOG_WIDTHS.entityId)
  entityId?: string;

  @ApiPropertyOptional({ description: 'e.g. create, update, dispatch, approve' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(OPERATION_LOG_WIDTHS.action)
  action?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      "`false` hides the requesting operator's own reads in the audit app (its queries and opened calls); absent or `true`, they are listed",
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  ownReads?: boolean;
}
