import { Body, Controller, Get, Inject, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@crm/runtime';
import { CrmError, ErrorCode, isScopedApp, SCOPED_APPS, type ScopedApp } from '@crm/contracts';
import { CurrentOperator, OperatorAuthGuard, PermissionGuard, RequirePermissions, type Operator } from '@crm/security';
import { actorOf } from '../employee/employee-id.pipe.js';
import { SetTeamMembersDto, TEAM_NAME_RE, TeamResponse } from './team.dto.js';
import { TeamService } from './team.service.js';

function teamKey(app: string, team: string): { app: ScopedApp; team: string } {
  if (!isScopedApp(app))
    throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
      { field: 'app', reasons: [`must be one of ${SCOPED_APPS.join(', ')}`] },
    ]);
  if (!TEAM_NAME_RE.test(team))
    throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
      { field: 'team', reasons: ['lower-case letters, digits or -, up to 64'] },
    ]);
  return { app, team };
}

@ApiTags('teams')
@ApiBearerAuth()
@Controller('auth')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class TeamController {
  constructor(@Inject(TeamService) private readonly teams: TeamService) {}

  @Get('teams')
  @RequirePermissions(['employee.read'])
  @ApiOperation({ summary: 'Teams per business app with their members (what a `team` data scope covers)' })
  @ApiOkResponse({ type: [TeamResponse] })
  list() {
    return this.teams.list();
  }

  @Put('teams/:app/:team')
  @RequirePermissions(['role.manage'])
  @ApiOperation({ summary: "Replace a team's members; a `team` scope then covers everyone sharing a team with the employee" })
  @ApiOkResponse({ type: TeamResponse })
  @ApiErrors([ErrorCode.ValidationFailed, 'app is not a business app, the team name is malformed, or a member is unknown'])
  setMembers(@CurrentOperator() op: Operator, @Param('app') app: string, @Param('team') team: string, @Body() dto: SetTeamMembersDto) {
    const key = teamKey(app, team);
    return this.teams.setMembers(actorOf(op), key.app, key.team, dto.members);
  }
}
