import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  SALES_TEAM_MEMBERS_CHANGED_V1,
  type CreateTeamDto,
  type ListTeamsDto,
  type SetTeamMembersDto,
  type TeamPage,
  type TeamView,
  type UpdateTeamDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { toMembersChanged, toTeamView } from './team.mapper.js';
import { TEAM_LIST, TeamRepository, type TeamRow } from './team.repository.js';

/**
 * Sales teams. Every change (create, rename, new manager, members) records its operation-log entry
 * and `sales.team.members-changed.v1` in its own transaction; auth consumes that event to resolve
 * `team` data scopes. Employee IDs are checked for their form only: sales has no employee
 * directory, and auth applies only IDs it knows (see docs/sales/teams-territories-quotas.md).
 */
@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(TeamRepository) private readonly teams: TeamRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateTeamDto, ctx: CallContext): Promise<TeamView> {
    const employeeId = actingEmployee(ctx);
    const name = dto.name.trim();
    try {
      return await this.dataSource.transaction(async (m) => {
        const team = await this.teams.insert(m, {
          id: randomUUID(),
          name,
          managerId: dto.managerId,
          members: unique(dto.members),
          createdBy: employeeId,
        });
        await this.record(m, ctx, 'create', null, team);
        return toTeamView(team);
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw nameTaken(name);
      throw err;
    }
  }

  async update(dto: UpdateTeamDto, ctx: CallContext): Promise<TeamView> {
    const name = dto.name?.trim();
    return this.change(dto.teamId, dto.version, ctx, 'update', (t) => ({ name: name ?? t.name, managerId: dto.managerId ?? t.managerId }));
  }

  async setMembers(dto: SetTeamMembersDto, ctx: CallContext): Promise<TeamView> {
    return this.change(dto.teamId, dto.version, ctx, 'set-members', (t) => ({
      name: t.name,
      managerId: t.managerId,
      members: unique(dto.members),
    }));
  }

  async get(teamId: string): Promise<TeamView> {
    const team = await this.teams.find(teamId);
    if (!team) throw notFound(teamId);
    return toTeamView(team);
  }

  async list(q: ListTeamsDto): Promise<TeamPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(TEAM_LIST, q.cursor);
    return toPage(TEAM_LIST, this.cursors, await this.teams.list(q, limit, position), limit, toTeamView);
  }

  private async change(
    teamId: string,
    version: number,
    ctx: CallContext,
    action: string,
    next: (t: TeamRow) => { name: string; managerId: string; members?: string[] },
  ): Promise<TeamView> {
    const employeeId = actingEmployee(ctx);
    let wanted: string | null = null;
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.teams.find(teamId, m, true);
        if (!before) throw notFound(teamId);
        if (before.version !== version) throw stale('team', teamId, before.version);
        const patch = next(before);
        wanted = patch.name;
        const same =
          patch.name === before.name &&
          patch.managerId === before.managerId &&
          (patch.members === undefined || sameSet(patch.members, before.members));
        if (same) return toTeamView(before);
        const after = await this.teams.update(m, teamId, { ...patch, version: before.version + 1, updatedBy: employeeId });
        await this.record(m, ctx, action, before, after);
        return toTeamView(after);
      });
    } catch (err) {
      if (isDuplicateKey(err) && wanted !== null) throw nameTaken(wanted);
      throw err;
    }
  }

  private async record(m: EntityManager, ctx: CallContext, action: string, before: TeamRow | null, after: TeamRow): Promise<void> {
    await this.changes.record(m, ctx, {
      entity: 'team',
      entityId: after.id,
      action,
      before: before && fields(before),
      after: fields(after),
      event: { pattern: SALES_TEAM_MEMBERS_CHANGED_V1, data: toMembersChanged(after) },
    });
  }
}

function fields(t: TeamRow): Record<string, unknown> {
  return { name: t.name, managerId: t.managerId, members: [...t.members].sort() };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify(unique(a)) === JSON.stringify(unique(b));
}

function notFound(teamId: string): CrmError {
  return new CrmError(ErrorCode.NotFound, `team ${teamId} not found`);
}

function nameTaken(name: string): CrmError {
  return new CrmError(ErrorCode.Conflict, `a team named ${name} exists`);
}

export function stale(entity: string, id: string, current: number): CrmError {
  return new CrmError(ErrorCode.Conflict, `stale version: ${entity} ${id} is at version ${current}`);
}
