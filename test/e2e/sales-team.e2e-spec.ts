import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

jest.setTimeout(120_000);

/**
 * Sales teams, territories and realignment over raw amqplib, as a front end calls them (system
 * caller + employee token): a team change reaches auth through the inbox and widens (then narrows)
 * a manager's `team` scope; territories place records; realignment moves and records them.
 */
type Employee = { employeeId: string; token: string };
type Event = { pattern: string; data: any };
let stack: Stack;
let client: RawClient;
let frontendPassword: string;
let admin: Employee, manager: Employee, rep: Employee, rep2: Employee;
const events: Event[] = [];

async function call(pattern: string, payload: unknown, who: Employee): Promise<{ code: number; data?: any; details?: any }> {
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: 'FRONTEND',
    password: frontendPassword,
    requestId: `rq-${randomUUID()}`,
    payload,
    actor: who.token,
  });
  return reply.response ? { code: reply.response.code, data: reply.response.data } : { code: reply.err!.code, details: reply.err!.details };
}

/** An account the member owns (created by them), and how another employee reads it. */
async function memberRecord(owner: Employee): Promise<(who: Employee) => Promise<number>> {
  const created = await call('sales.account.create.v1', { name: `Shenzhen Harbour Logistics ${randomUUID().slice(0, 8)}` }, owner);
  expect(created).toMatchObject({ code: 0, data: { ownerId: owner.employeeId } });
  const accountId = created.data.accountId as string;
  return async (who) => (await call('sales.account.get.v1', { accountId }, who)).code;
}

/** An account through the account feature (the administrator creates it and owns it). */
async function createAccount(a: { regionCode: string; industryCode: string; segment: string }): Promise<string> {
  const created = await call('sales.account.create.v1', { name: `Account ${randomUUID().slice(0, 8)}`, ...a }, admin);
  expect(created).toMatchObject({ code: 0, data: { ownerId: admin.employeeId, territoryId: null } });
  return created.data.accountId as string;
}

/** An opportunity of the administrator on the account, left open or closed as won. */
async function createOpportunity(accountId: string, status: 'open' | 'won'): Promise<string> {
  const created = await call(
    'sales.opportunity.create.v1',
    { accountId, name: 'Fleet tracking', amount: '120000.00', closeDate: '2026-12-31', channel: 'field' },
    admin,
  );
  expect(created).toMatchObject({ code: 0, data: { ownerId: admin.employeeId, territoryId: null, version: 1 } });
  const id = created.data.opportunityId as string;
  if (status === 'won')
    expect((await call('sales.opportunity.close.v1', { opportunityId: id, outcome: 'won', version: 1 }, admin)).code).toBe(0);
  return id;
}

async function rows(sql: string, params: unknown[], app: 'sales' | 'auth' = 'sales'): Promise<any[]> {
  const db = await stack.db(app);
  try {
    const [r] = await db.query(sql, params);
    return r as any[];
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  // Cached session state (scopes included) lives ACTOR_CACHE_TTL_SECONDS; 1 s keeps the test short.
  stack = await Stack.start({ apps: ['auth', 'sales'], env: { ACTOR_CACHE_TTL_SECONDS: '1' } });
  client = await RawClient.connect();
  frontendPassword = await stack.createCaller('FRONTEND', ['sales.*']);
  [admin, manager, rep, rep2] = await Promise.all([
    stack.employee(['administrator']),
    stack.employee(['manager']),
    stack.employee(['sales']),
    stack.employee(['sales']),
  ]);
  const { queue } = await client.ch.assertQueue('', { exclusive: true, autoDelete: true });
  for (const key of ['sales.#', 'audit.operation.recorded.v1']) await client.ch.bindQueue(queue, `${stack.ns}.events`, key);
  await client.ch.consume(queue, (m) => m && events.push(JSON.parse(m.content.toString()) as Event), { noAck: true });
}, 180_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('teams and the team data scope', () => {
  it('a manager sees a member’s records once the team reaches auth, and stops when the member leaves', async () => {
    const read = await memberRecord(rep);
    expect(await read(manager)).toBe(4040);

    const team = await call(
      'sales.team.create.v1',
      { name: 'Shenzhen field', managerId: manager.employeeId, members: [rep.employeeId] },
      admin,
    );
    expect(team).toMatchObject({ code: 0, data: { managerId: manager.employeeId, members: [rep.employeeId], version: 1 } });
    const teamId: string = team.data.teamId;
    await waitFor(async () => (await read(manager)) === 0, 15_000, 200);
    expect(
      await rows("SELECT employee_id FROM team_member WHERE app = 'sales' AND team = ? ORDER BY employee_id", [teamId], 'auth'),
    ).toEqual([manager.employeeId, rep.employeeId].sort().map((e) => ({ employee_id: e })));
    // The member's own scope stays `own`: the manager's records do not become theirs to see.
    expect(await read(rep)).toBe(0);

    expect((await call('sales.team.members.v1', { teamId, version: 1, members: [rep.employeeId] }, admin)).data.version).toBe(1);
    expect((await call('sales.team.members.v1', { teamId, version: 5, members: [] }, admin)).code).toBe(4090);
    expect((await call('sales.team.members.v1', { teamId, version: 1, members: [] }, admin)).data).toMatchObject({
      members: [],
      version: 2,
    });
    await waitFor(async () => (await read(manager)) === 4040, 15_000, 200);
    expect(await rows("SELECT version FROM team_source WHERE app = 'sales' AND team = ?", [teamId], 'auth')).toEqual([{ version: 2 }]);

    const changed = events.filter((e) => e.pattern === 'sales.team.members-changed.v1' && e.data.teamId === teamId);
    expect(changed.map((e) => [e.data.version, e.data.members])).toEqual([
      [1, [manager.employeeId, rep.employeeId].sort()],
      [2, [manager.employeeId]],
    ]);
    // Permissions: a sales employee may not create teams; a manager may read them.
    expect((await call('sales.team.create.v1', { name: 'x', managerId: rep.employeeId, members: [] }, rep)).code).toBe(4030);
    expect((await call('sales.team.get.v1', { teamId }, manager)).data).toMatchObject({ name: 'Shenzhen field', version: 2 });
  });
});

describe('territories, placement and realignment', () => {
  let sz: any, gd: any;

  it('refuses a bad territory with per-field details', async () => {
    const bad = await call('sales.territory.create.v1', { name: 'x', regionCode: '4403', rule: { kind: 'round-robin' } }, admin);
    expect(bad.code).toBe(4220);
    expect(bad.details.map((d: any) => d.field)).toContain('regionCode');
    const noTeam = await call('sales.territory.create.v1', { name: 'x', regionCode: '440300', rule: { kind: 'round-robin' } }, admin);
    expect(noTeam).toMatchObject({ code: 4220, details: [{ field: 'teamId' }] });
  });

  it('realignment places accounts and open opportunities, records each move, and a dry run changes nothing', async () => {
    // Records made before the territories exist: nothing places them at create, the realignment does.
    const owner = admin.employeeId;
    const futian = await createAccount({ regionCode: '440304', industryCode: 'G5810', segment: 'business' });
    const nanshan = await createAccount({ regionCode: '440305', industryCode: 'I6510', segment: 'business' });
    const guangzhou = await createAccount({ regionCode: '440106', industryCode: 'C3670', segment: 'business' });
    const shanghai = await createAccount({ regionCode: '310101', industryCode: 'J6620', segment: 'business' });
    const open = await createOpportunity(futian, 'open');
    const won = await createOpportunity(futian, 'won');
    const reps = await call(
      'sales.team.create.v1',
      { name: 'Shenzhen reps', managerId: manager.employeeId, members: [rep.employeeId, rep2.employeeId] },
      admin,
    );
    expect(reps.code).toBe(0);
    gd = (
      await call(
        'sales.territory.create.v1',
        { name: 'Guangdong', regionCode: '440000', rule: { kind: 'fixed', ownerId: manager.employeeId } },
        admin,
      )
    ).data;
    sz = (
      await call(
        'sales.territory.create.v1',
        { name: 'Shenzhen', parentId: gd.territoryId, regionCode: '440300', teamId: reps.data.teamId, rule: { kind: 'round-robin' } },
        admin,
      )
    ).data;
    expect(sz).toMatchObject({ parentId: gd.territoryId, rule: { kind: 'round-robin', ownerId: null }, version: 1 });
    // A child outside its parent's region is refused.
    expect(
      (
        await call(
          'sales.territory.create.v1',
          { name: 'x', parentId: gd.territoryId, regionCode: '310000', rule: { kind: 'fixed', ownerId: admin.employeeId } },
          admin,
        )
      ).details,
    ).toEqual([{ field: 'regionCode', reasons: ["must lie within the parent's region 440000"] }]);

    const mine = [futian, nanshan, guangzhou, shanghai];

    const finished = async (realignmentId: string) =>
      waitFor(async () => {
        const r = await call('sales.territory.realignment.get.v1', { realignmentId }, manager);
        return r.data?.status !== 'running' && r.data;
      });

    const dry = await call('sales.territory.realign.v1', { all: true, dryRun: true }, admin);
    expect(dry).toMatchObject({ code: 0, data: { dryRun: true, status: 'running' } });
    const dryDone = await finished(dry.data.realignmentId);
    expect(dryDone).toMatchObject({ status: 'completed', moved: 4 });
    expect(dryDone.scanned).toBeGreaterThanOrEqual(5);
    expect(
      dryDone.sample
        .filter((s: any) => mine.includes(s.id) || s.id === open)
        .map((s: any) => s.id)
        .sort(),
    ).toEqual([futian, nanshan, guangzhou, open].sort());
    expect(await rows('SELECT territory_id, version FROM account WHERE id IN (?)', [mine])).toEqual(
      mine.map(() => ({ territory_id: null, version: 1 })),
    );

    const run = await call('sales.territory.realign.v1', { all: true }, admin);
    const done = await finished(run.data.realignmentId);
    expect(done).toMatchObject({ status: 'completed', moved: 4, dryRun: false });
    const placed = await rows('SELECT id, owner_id, territory_id, version FROM account WHERE id IN (?)', [mine]);
    const byId = new Map(placed.map((r) => [r.id, r]));
    expect(byId.get(guangzhou)).toMatchObject({ owner_id: manager.employeeId, territory_id: gd.territoryId, version: 2 });
    expect(byId.get(shanghai)).toMatchObject({ owner_id: owner, territory_id: null, version: 1 });
    // Shenzhen's two accounts went round-robin: one to each member.
    expect([byId.get(futian).owner_id, byId.get(nanshan).owner_id].sort()).toEqual([rep.employeeId, rep2.employeeId].sort());
    expect([byId.get(futian).territory_id, byId.get(nanshan).territory_id]).toEqual([sz.territoryId, sz.territoryId]);
    const opps = await rows('SELECT id, owner_id, territory_id, version FROM opportunity WHERE id IN (?) ORDER BY id', [[open, won]]);
    // Closed opportunities stay where they are (version 2 is the close).
    expect(opps.find((o) => o.id === won)).toMatchObject({ owner_id: owner, territory_id: null, version: 2 });
    expect(opps.find((o) => o.id === open)).toMatchObject({ territory_id: sz.territoryId, version: 2 });

    const moved = await waitFor(async () => {
      const e = events.filter((x) => x.pattern.endsWith('.reassigned.v1'));
      return e.length >= 4 && e;
    });
    expect(moved.find((e) => e.data.accountId === guangzhou)).toMatchObject({
      pattern: 'sales.account.reassigned.v1',
      data: {
        ownerId: manager.employeeId,
        territoryId: gd.territoryId,
        previousOwnerId: owner,
        previousTerritoryId: null,
        version: 2,
        reason: 'territory-realignment',
        realignmentId: run.data.realignmentId,
        ruleId: gd.rule.ruleId,
        employeeId: admin.employeeId,
      },
    });
    expect(moved.find((e) => e.data.opportunityId === open)).toMatchObject({
      pattern: 'sales.opportunity.reassigned.v1',
      data: { territoryId: sz.territoryId, previousOwnerId: owner, version: 2, ruleId: sz.rule.ruleId },
    });
    const logged = await waitFor(async () => {
      const e = events.filter((x) => x.pattern === 'audit.operation.recorded.v1' && x.data.action === 'realign');
      return e.length >= 4 && e;
    });
    expect(logged.find((e) => e.data.entityId === guangzhou)?.data).toMatchObject({
      service: 'sales',
      actor: admin.employeeId,
      entity: 'account',
      changes: expect.arrayContaining([
        { field: 'ownerId', old: owner, new: manager.employeeId },
        { field: 'territoryId', old: null, new: gd.territoryId },
      ]),
    });

    // Realigning again moves nothing: every record is where its territory puts it.
    const again = await finished((await call('sales.territory.realign.v1', { territoryId: sz.territoryId }, admin)).data.realignmentId);
    expect(again).toMatchObject({ status: 'completed', moved: 0 });
  });

  it('quotas per employee and team and period, with versions', async () => {
    const set = await call(
      'sales.quota.set.v1',
      { ownerKind: 'employee', ownerId: rep.employeeId, period: 'quarter', periodStart: '2026-10-01', amount: '1500000.00' },
      admin,
    );
    expect(set).toMatchObject({ code: 0, data: { periodEnd: '2026-12-31', amount: '1500000.00', currency: 'CNY', version: 1 } });
    const again = { ownerKind: 'employee', ownerId: rep.employeeId, period: 'quarter', periodStart: '2026-10-01', amount: '1800000.00' };
    expect((await call('sales.quota.set.v1', again, admin)).code).toBe(4090);
    expect((await call('sales.quota.set.v1', { ...again, version: 1 }, admin)).data).toMatchObject({ amount: '1800000.00', version: 2 });
    expect((await call('sales.quota.set.v1', { ...again, periodStart: '2026-11-01' }, admin)).details).toEqual([
      { field: 'periodStart', reasons: ['must be the first day of a quarter'] },
    ]);
    const listed = await call('sales.quota.list.v1', { ownerId: rep.employeeId, at: '2026-11-15' }, admin);
    expect(listed.data.items.map((q: any) => q.quotaId)).toEqual([set.data.quotaId]);
  });
});
