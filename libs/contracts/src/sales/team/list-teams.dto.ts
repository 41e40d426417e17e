import { IsOptional, IsString, Matches } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';
import { TeamPageDto } from './team.types.js';

export const SALES_TEAM_LIST_V1 = 'sales.team.list.v1';

/** Newest first; `memberId` lists the teams an employee manages or belongs to. */
export class ListTeamsDto extends TeamPageDto {
  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'memberId must be an employee ID' })
  memberId?: string;
}
