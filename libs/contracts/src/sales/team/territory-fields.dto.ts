import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import {
  ASSIGNMENT_RULE_KINDS,
  TERRITORY_INDUSTRY_CODE_RE,
  TERRITORY_REGION_CODE_RE,
  TERRITORY_SEGMENT_RE,
  type AssignmentRuleKind,
} from './team.types.js';

/** How a territory picks the owner of a record it places. */
export class AssignmentRuleDto {
  @IsIn(ASSIGNMENT_RULE_KINDS)
  kind: AssignmentRuleKind;

  /** Required for `fixed`, refused otherwise. */
  @ValidateIf((o: AssignmentRuleDto) => o.ownerId !== undefined && o.ownerId !== null)
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string | null;
}

/** The criteria create and update share; on update `null` clears a field and an absent one keeps it. */
export class TerritoryCriteriaDto {
  /** GB/T 2260 code; null = every region (or the parent's region). */
  @ValidateIf((o: TerritoryCriteriaDto) => o.regionCode !== undefined && o.regionCode !== null)
  @IsString()
  @Matches(TERRITORY_REGION_CODE_RE, { message: 'regionCode must be a 6-digit GB/T 2260 code, e.g. 440300' })
  regionCode?: string | null;

  /** GB/T 4754 codes or prefixes; empty = every industry. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(TERRITORY_INDUSTRY_CODE_RE, {
    each: true,
    message: 'each industry code must be a GB/T 4754 section letter and 0-4 digits, e.g. I65',
  })
  industryCodes?: string[];

  /** Segments; empty = every segment. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TERRITORY_SEGMENT_RE, { each: true, message: 'each segment must be a lower-case key, e.g. business' })
  segments?: string[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  priority?: number;
}
