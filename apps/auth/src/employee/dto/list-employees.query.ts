import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@crm/persistence';
import { ROLE_NAME_MESSAGE, ROLE_NAME_RE } from './employee-fields.js';

export const EMPLOYEE_STATUSES = ['pending', 'rejected', 'active', 'disabled'] as const;

export class ListEmployeesQuery extends PageQuery() {
  @ApiPropertyOptional({ enum: EMPLOYEE_STATUSES })
  @IsOptional()
  @IsIn(EMPLOYEE_STATUSES)
  status?: (typeof EMPLOYEE_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  department?: string;

  @ApiPropertyOptional({ description: 'employees holding this role' })
  @IsOptional()
  @Matches(ROLE_NAME_RE, { message: ROLE_NAME_MESSAGE })
  role?: string;

  @ApiPropertyOptional({ description: 'part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  name?: string;
}
