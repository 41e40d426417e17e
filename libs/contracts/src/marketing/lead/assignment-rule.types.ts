import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { LEAD_SOURCES, REGION_PREFIX_RE, SEGMENT_RE, type LeadSource } from './lead.types.js';
import { INDUSTRY_PREFIX_RE } from '../../industry-code.js';

/**
 * Assignment rules (`marketing.assignment-rule.*`): at capture, the enabled rules are tried in
 * `priority` order (lowest first; unique, a taken one is 4090) and the first whose conditions all hold names the
 * owner — a fixed employee, the next of a team in turn (`round-robin`), or the team member with the
 * fewest open leads (`least-loaded`). No rule matching leaves the lead unassigned.
 */
export const ASSIGNMENT_STRATEGIES = ['fixed', 'round-robin', 'least-loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/** Conditions on the new lead, all of which must hold; none = every lead. */
export class AssignmentConditionsDto {
  /** Territory: a prefix of the lead's region code. */
  @IsOptional()
  @Matches(REGION_PREFIX_RE, { message: 'regionCode must be 1 to 6 digits of a region code, e.g. 44 or 4403' })
  regionCode?: string;

  @IsOptional()
  @Matches(INDUSTRY_PREFIX_RE, { message: 'industryCode must be a GB/T 4754 code or its prefix, e.g. I or I65' })
  industryCode?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LEAD_SOURCES, { each: true })
  source?: LeadSource[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(SEGMENT_RE, { each: true, message: 'each segment must be lower-case letters, digits and -' })
  segment?: string[];
}

export class AssignmentRuleFieldsDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  priority?: number;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => AssignmentConditionsDto)
  when?: AssignmentConditionsDto;

  @IsOptional()
  @IsIn(ASSIGNMENT_STRATEGIES)
  strategy?: AssignmentStrategy;

  /** `fixed`: the owner. */
  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  /** `round-robin` / `least-loaded`: the team, in turn order. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(EMPLOYEE_ID_RE, { each: true, message: 'each member must be an employee ID' })
  members?: string[];
}

export class AssignmentRuleNameDto extends AssignmentRuleFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export interface AssignmentConditions {
  regionCode?: string;
  industryCode?: string;
  source?: LeadSource[];
  segment?: string[];
}

export interface LeadAssignmentRuleView {
  ruleId: string;
  name: string;
  priority: number;
  enabled: boolean;
  when: AssignmentConditions | null;
  strategy: AssignmentStrategy;
  ownerId: string | null;
  members: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LeadAssignmentRulePage {
  items: LeadAssignmentRuleView[];
  nextCursor: string | null;
}
