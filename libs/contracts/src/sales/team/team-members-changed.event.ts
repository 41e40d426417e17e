import { ArrayMaxSize, IsArray, IsInt, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { EMPLOYEE_ID_RE } from '../../employee/employee.contract.js';

/**
 * Published by sales on every change of a team (create, rename, manager, members). Auth keeps its
 * `team` data scopes from it; `version` orders the changes of one team.
 */
export const SALES_TEAM_MEMBERS_CHANGED_V1 = 'sales.team.members-changed.v1';

export interface TeamMembersChangedData {
  teamId: string;
  name: string;
  managerId: string;
  /** Everyone in the team, the manager included, sorted. */
  members: string[];
  version: number;
}

/** What a consumer validates of the event (unknown fields are dropped, not refused). */
export class TeamMembersChangedEventDto implements TeamMembersChangedData {
  @IsUUID()
  teamId: string;

  @IsString()
  @MaxLength(100)
  name: string;

  @Matches(EMPLOYEE_ID_RE)
  managerId: string;

  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(EMPLOYEE_ID_RE, { each: true })
  members: string[];

  @IsInt()
  @Min(1)
  version: number;
}
