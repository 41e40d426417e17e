import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { VersionedLeadRefDto } from './lead-ref.dto.js';

export const LEAD_ASSIGN_V1 = 'marketing.lead.assign.v1';

/** Manual (re)assignment of a lead as of its `version`; recorded in its history, the operation log and `marketing.lead.assigned.v1`. */
export class AssignLeadDto extends VersionedLeadRefDto {
  @Matches(EMPLOYEE_ID_RE, { message: 'ownerId must be an employee ID' })
  ownerId: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
