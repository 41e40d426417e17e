import { ArrayMaxSize, IsArray, IsInt, IsUUID, Matches, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';

export const SALES_TEAM_MEMBERS_V1 = 'sales.team.members.v1';

/** The team's complete member list after the change. */
export class SetTeamMembersDto {
  @IsUUID('4')
  teamId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsArray()
  @ArrayMaxSize(500)
  @Matches(EMPLOYEE_ID_RE, { each: true, message: 'each member must be an employee ID' })
  members: string[];
}
