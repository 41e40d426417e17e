import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { EMPLOYEE_ID_RE, SCOPED_APPS } from '@crm/contracts';

export const TEAM_NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The team's complete member list after the change (empty dissolves it). */
export class SetTeamMembersDto {
  @ApiProperty({ example: ['E100002', 'E100007'], type: [String] })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(EMPLOYEE_ID_RE, { each: true, message: 'each member must look like E100001' })
  members: string[];
}

export interface TeamView {
  app: string;
  team: string;
  members: string[];
}

export class TeamResponse implements TeamView {
  @ApiProperty({ enum: SCOPED_APPS })
  app: string;
  @ApiProperty({ example: 'north-sales' })
  team: string;
  @ApiProperty({ type: [String], example: ['E100002', 'E100007'] })
  members: string[];
}
