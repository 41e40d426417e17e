import { IsUUID } from 'class-validator';

export const SALES_TEAM_GET_V1 = 'sales.team.get.v1';

export class GetTeamDto {
  @IsUUID('4')
  teamId: string;
}
