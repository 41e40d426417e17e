import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';

export const SALES_TEAM_CREATE_V1 = 'sales.team.create.v1';

export class CreateTeamDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'managerId must be an employee ID' })
  managerId: string;

  @IsArray()
  @ArrayMaxSize(500)
  @Matches(EMPLOYEE_ID_RE, { each: true, message: 'each member must be an employee ID' })
  members: string[];
}
