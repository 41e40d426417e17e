import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ROLE_NAME_MESSAGE, ROLE_NAME_RE } from './employee-fields.js';

export const EMPLOYEE_STATUSES = ['pending', 'rejected', 'active', 'disabled'] as const;

export class ListEmployeesQuery {
  @ApiPropertyOptional({ enum: EMPLOYEE_STATUSES })
  @IsOptional() @IsIn(EMPLOYEE_STATUSES)
  status?: (typeof EMPLOYEE_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(128)
  department?: string;

  @ApiPropertyOptional({ description: 'employees holding this role' })
  @IsOptional() @Matches(ROLE_NAME_RE, { message: ROLE_NAME_MESSAGE })
  role?: string;

  @ApiPropertyOptional({ description: 'part of the name' })
  @IsOptional() @IsString() @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: "the previous page's nextCursor" })
  @IsOptional() @Matches(/^E[0-9]{1,15}$/, { message: 'cursor must be a nextCursor value' })
  cursor?: string;
}
