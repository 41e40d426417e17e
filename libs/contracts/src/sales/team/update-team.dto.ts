import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';

export const SALES_TEAM_UPDATE_V1 = 'sales.team.update.v1';

/** Renames the team or changes its manager; members change with `sales.team.members.v1`. */
export class UpdateTeamDto {
  @IsUUID('4')
  teamId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsString()
  @Matches(EMPLOYEE_ID_RE, { message: 'managerId must be an employee ID' })
  managerId?: string;
}
