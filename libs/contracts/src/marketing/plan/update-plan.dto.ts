import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { IsCalendarDate, IsOnOrAfter } from '../campaign/campaign.types.js';
import { PlanProductsDto, PlanTargetsDto } from './plan.types.js';
import { INDUSTRY_PREFIX_RE } from '../../industry-code.js';

export const PLAN_UPDATE_V1 = 'marketing.plan.update.v1';

/**
 * Changes a plan (`version` as read; stale is 4090). `targets` replaces all targets; the scope
 * fields take null to clear them. The currency is fixed at creation.
 */
export class UpdatePlanDto {
  @IsUUID('4')
  planId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsCalendarDate()
  periodStart?: string;

  @IsOptional()
  @IsCalendarDate()
  @IsOnOrAfter('periodStart')
  periodEnd?: string;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  territoryId?: string | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(/^[0-9]{2,6}$/, { message: 'regionPrefix must be 2 to 6 digits of a region code' })
  regionPrefix?: string | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  segment?: string | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(INDUSTRY_PREFIX_RE, { message: 'industryCode must be a GB/T 4754 code like I or I64' })
  industryCode?: string | null;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @ValidateNested()
  @Type(() => PlanProductsDto)
  productLine?: PlanProductsDto | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => PlanTargetsDto)
  targets?: PlanTargetsDto;

  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
