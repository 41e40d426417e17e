import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { CURRENCY_RE } from '../../money.js';
import { IsCalendarDate, IsOnOrAfter } from '../campaign/campaign.types.js';
import { PlanProductsDto, PlanTargetsDto } from './plan.types.js';
import { INDUSTRY_PREFIX_RE } from '../../industry-code.js';

export const PLAN_CREATE_V1 = 'marketing.plan.create.v1';

/**
 * A market plan for `[periodStart, periodEnd]` (dates, both inclusive, UTC) with KPI targets. The
 * optional scope narrows what its actuals count: `territoryId` (opportunities, accounts),
 * `regionPrefix` (leads, accounts, opportunities by their account), `segment` (likewise),
 * `industryCode` prefix (leads, accounts, opportunities) and `productLine` (won revenue and
 * opportunities by their product lines).
 */
export class CreatePlanDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsCalendarDate()
  periodStart: string;

  @IsCalendarDate()
  @IsOnOrAfter('periodStart')
  periodEnd: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  territoryId?: string;

  @IsOptional()
  @Matches(/^[0-9]{2,6}$/, { message: 'regionPrefix must be 2 to 6 digits of a region code' })
  regionPrefix?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  segment?: string;

  @IsOptional()
  @Matches(INDUSTRY_PREFIX_RE, { message: 'industryCode must be a GB/T 4754 code like I or I64' })
  industryCode?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PlanProductsDto)
  productLine?: PlanProductsDto;

  @IsOptional()
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code like CNY' })
  currency?: string;

  @ValidateNested()
  @Type(() => PlanTargetsDto)
  targets: PlanTargetsDto;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;
}
