import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode, SALES_TEAM_MEMBERS_CHANGED_V1 } from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { TeamRepository, TeamRow } from './team.repository.js';
import { TeamService } from './team.service.js';

const T = '6f1c3f0e-0000-4000-8000-000000000001';

class FakeTeams {
  rows = new Map<string, TeamRow>();
  updates = 0;
  async insert(_m: EntityManager, t: Pick<TeamRow, 'id' | 'name' | 'managerId' | 'members' | 'createdBy'>): Promise<TeamRow> {
    const row = {
      ...t,
      version: 1,
      updatedBy: t.createdBy,
      createdAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    };
    this.rows.set(t.id, row);
    return { ...row };
  }
  async find(id: string): Promise<TeamRow | null> {
    const r = this.rows.get(id);
    return r ? { ...r, members: [...r.members] } : null;
  }
  async update(_m: EntityManager, id: string, patch: Partial<TeamRow>): Promise<TeamRow> {
    this.updates += 1;
    const row = { ...this.rows.get(id)!, ...patch };
    this.rows.set(id, row);
    return { ...row };
  }
}

function setup() {
  const teams = new FakeTeams();
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  const changes = {
    record: async (_m: EntityManager | null, context: ChangeContext, change: Change) => void recorded.push({ context, change }),
  };
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) };
  const service = new TeamService(
    dataSource as unknown as DataSource,
    changes as unknown as ChangeRecorder,
    teams as unknown as TeamRepository,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
  );
  return { service, teams, recorded };
}

const ctx: CallContext = {
  caller: 'FRONTEND',
  employeeId: 'E100099',
  requestKey: null,
  requestId: 'rq-1',
  scope: { scope: 'all', owners: null },
  permissions: ['team.write'],
};

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | undefined> {
  return p.then(
    () => undefined,
    (e: unknown) => (e instanceof CrmError ? e.code : undefined),
  );
}

describe('TeamService', () => {
  it('creates a team and announces its members with the manager included', async () => {
    const { service, recorded } = setup();
    const view = await service.create({ name: ' South ', managerId: 'E100010', members: ['E100012', 'E100011', 'E100012'] }, ctx);
    expect(view).toMatchObject({ name: 'South', managerId: 'E100010', members: ['E100011', 'E100012'], version: 1 });
    expect(recorded[0]!.change).toMatchObject({
      entity: 'team',
      action: 'create',
      before: null,
      after: { name: 'South', managerId: 'E100010', members: ['E100011', 'E100012'] },
      event: {
        pattern: SALES_TEAM_MEMBERS_CHANGED_V1,
        data: { teamId: view.teamId, name: 'South', managerId: 'E100010', members: ['E100010', 'E100011', 'E100012'], version: 1 },
      },
    });
  });

  it('changes members with the current version only; a stale one is 4090 and changes nothing', async () => {
    const { service, teams, recorded } = setup();
    teams.rows.set(T, {
      id: T,
      name: 'South',
      managerId: 'E100010',
      members: ['E100011', 'E100012'],
      version: 2,
      createdBy: 'E100099',
      updatedBy: 'E100099',
      createdAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    });
    expect(await codeOf(service.setMembers({ teamId: T, version: 1, members: ['E100011'] }, ctx))).toBe(ErrorCode.Conflict);
    expect(await codeOf(service.setMembers({ teamId: '6f1c3f0e-0000-4000-8000-000000000404', version: 1, members: [] }, ctx))).toBe(
      ErrorCode.NotFound,
    );
    expect(teams.updates).toBe(0);
    // The same members in another order: nothing to record.
    expect((await service.setMembers({ teamId: T, version: 2, members: ['E100012', 'E100011'] }, ctx)).version).toBe(2);
    expect(recorded).toHaveLength(0);
    // E100012 leaves.
    const view = await service.setMembers({ teamId: T, version: 2, members: ['E100011'] }, ctx);
    expect(view).toMatchObject({ members: ['E100011'], version: 3 });
    expect(recorded[0]!.change).toMatchObject({
      action: 'set-members',
      before: { members: ['E100011', 'E100012'] },
      after: { members: ['E100011'] },
      event: { data: { members: ['E100010', 'E100011'], version: 3 } },
    });
    // A new manager is announced the same way.
    await service.update({ teamId: T, version: 3, managerId: 'E100020' }, ctx);
    expect(recorded[1]!.change.event).toMatchObject({ data: { managerId: 'E100020', members: ['E100011', 'E100020'], version: 4 } });
  });
});
