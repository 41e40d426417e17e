import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateTeamDto,
  GetTeamDto,
  ListTeamsDto,
  SALES_TEAM_CREATE_V1,
  SALES_TEAM_GET_V1,
  SALES_TEAM_LIST_V1,
  SALES_TEAM_MEMBERS_V1,
  SALES_TEAM_UPDATE_V1,
  SetTeamMembersDto,
  UpdateTeamDto,
  type TeamPage,
  type TeamView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { TeamService } from './team.service.js';

@Controller()
export class TeamController {
  constructor(@Inject(TeamService) private readonly teams: TeamService) {}

  @MessagePattern(SALES_TEAM_CREATE_V1)
  @RequirePermission('team.write')
  create(@Payload('payload') dto: CreateTeamDto, @CallContext() ctx: CallContext): Promise<TeamView> {
    return this.teams.create(dto, ctx);
  }

  @MessagePattern(SALES_TEAM_UPDATE_V1)
  @RequirePermission('team.write')
  update(@Payload('payload') dto: UpdateTeamDto, @CallContext() ctx: CallContext): Promise<TeamView> {
    return this.teams.update(dto, ctx);
  }

  @MessagePattern(SALES_TEAM_MEMBERS_V1)
  @RequirePermission('team.write')
  members(@Payload('payload') dto: SetTeamMembersDto, @CallContext() ctx: CallContext): Promise<TeamView> {
    return this.teams.setMembers(dto, ctx);
  }

  @MessagePattern(SALES_TEAM_GET_V1)
  @RequirePermission('team.read')
  get(@Payload('payload') dto: GetTeamDto): Promise<TeamView> {
    return this.teams.get(dto.teamId);
  }

  @MessagePattern(SALES_TEAM_LIST_V1)
  @RequirePermission('team.read')
  list(@Payload('payload') dto: ListTeamsDto): Promise<TeamPage> {
    return this.teams.list(dto);
  }
}
