import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import {
  CASE_CATEGORIES,
  CASE_PRIORITIES,
  CASE_STATUSES,
  CasePageDto,
  type CaseCategory,
  type CasePriority,
  type CaseStatus,
} from './case.types.js';

export const CASE_LIST_V1 = 'service.case.list.v1';

/** Newest first, within the caller's data scope. */
export class ListCasesDto extends CasePageDto {
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @IsOptional()
  @IsIn(CASE_PRIORITIES)
  priority?: CasePriority;

  @IsOptional()
  @IsIn(CASE_CATEGORIES)
  category?: CaseCategory;

  @IsOptional()
  @IsUUID('4')
  queueId?: string;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsUUID('4')
  masterCaseId?: string;
}
