import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageFieldsDto } from './lead-ref.dto.js';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from './lead.types.js';
import { INDUSTRY_PREFIX_RE } from '../../industry-code.js';

export const LEAD_LIST_V1 = 'marketing.lead.list.v1';

/** Newest first; every filter optional. `industryCode` is a prefix (`I` matches `I65`). */
export class ListLeadsDto extends PageFieldsDto {
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsIn(LEAD_SOURCES)
  source?: LeadSource;

  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @IsOptional()
  @Matches(INDUSTRY_PREFIX_RE, { message: 'industryCode must be a GB/T 4754 code or its prefix, e.g. I or I65' })
  industryCode?: string;

  @IsOptional()
  @IsInt()
  @Min(-100_000)
  @Max(100_000)
  minScore?: number;
}
