import { IsInt, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';

export const CASE_ASSIGN_V1 = 'service.case.assign.v1';

/**
 * Assigns a case: to `ownerId` directly, or into `queueId` whose strategy picks the agent. With
 * neither, the case's current queue picks again. A `new` case becomes `assigned`.
 */
export class AssignCaseDto {
  @IsUUID('4')
  caseId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId?: string;

  @IsOptional()
  @IsUUID('4')
  queueId?: string;
}
