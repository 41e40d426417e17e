import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { names } from '@crm/contracts';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

/**
 * Business analysis (SPEC §6.2, issue 9 item 8) with the built apps as processes: sealed opportunity
 * events published on `<ns>.events` reach sales' inbox (`<ns>.sales.in.analysis`), which keeps the
 * facts and the cube; the queries are called over raw amqplib as a front end would. Two reps' figures
 * stay apart, a manager sees their team, an `all` caller both, and every figure is the hand-computed one.
 */
jest.setTimeout(120_000);

type Employee = { employeeId: string; token: string };
let stack: Stack;
let client: RawClient;
let conn: ChannelModel;
let ch: Channel;
let frontendPassword: string;
let repA: Employee, repB: Employee, manager: Employee, admin: Employee, plainSales: Employee;
let published = 0;

async function call(pattern: string, payload: unknown, who: Employee): Promise<{ code: number; data?: any; details?: unknown }> {
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: 'FRONTEND',
    password: frontendPassword,
    requestId: `rq-${randomUUID()}`,
    payload,
    actor: who.token,
  });
  return reply.response ? { code: reply.response.code, data: reply.response.data } : { code: reply.err!.code, details: reply.err!.details };
}

function publish(pattern: string, data: Record<string, unknown>): void {
  const body = { eventId: randomUUID(), occurredAt: new Date().toISOString(), caller: 'FRONTEND', ...data };
  ch.publish(names.eventsExchange(stack.ns), pattern, stack.sealedEvent(pattern, body), {
    persistent: true,
    contentType: 'application/json',
  });
  published++;
}

const ids = Array.from({ length: 9 }, () => randomUUID());
function view(n: number, owner: Employee, o: Record<string, unknown>): Record<string, unknown> {
  return {
    opportunityId: ids[n],
    accountId: randomUUID(),
    name: `Opportunity ${n}`,
    amount: '0.00',
    currency: 'CNY',
    closeDate: '2026-03-31',
    pipelineId: 'std',
    stage: 'proposal',
    probability: 60,
    status: 'open',
    channel: 'field',
    campaignId: null,
    leadId: null,
    partnerId: null,
    competitorIds: [],
    ownerId: owner.employeeId,
    territoryId: null,
    industryCode: 'I65',
    createdAt: '2026-01-02T00:00:00.000Z',
    closedAt: null,
    version: 1,
    ...o,
  };
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'sales'] });
  client = await RawClient.connect();
  conn = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  ch = await conn.createChannel();
  frontendPassword = await stack.createCaller('FRONTEND', ['sales.analysis.*']);
  admin = await stack.employee(['administrator']);
  // A rep who may run analysis: the seeded `sales` role (scope own) plus a role granting only analysis.read.
  const role = await fetch(`${stack.url('auth')}/auth/roles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'rep-analysis', permissions: ['analysis.read'] }),
  });
  expect(role.status).toBeLessThan(300);
  [repA, repB, manager, plainSales] = await Promise.all([
    stack.employee(['sales', 'rep-analysis']),
    stack.employee(['sales', 'rep-analysis']),
    stack.employee(['manager']),
    stack.employee(['sales']),
  ]);
  const team = await fetch(`${stack.url('auth')}/auth/teams/sales/north`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ members: [manager.employeeId, repA.employeeId] }),
  });
  expect(team.status).toBe(200);

  const won = { status: 'won', stage: 'won', probability: 100 };
  const lost = { status: 'lost', stage: 'lost', probability: 0 };
  // O1 (A): open 1000.00 at 60 %, closing 2026-02-15. Its v2 is published before v1: v1 (5555.00) must be ignored.
  publish(
    'sales.opportunity.updated.v1',
    view(1, repA, { amount: '1000.00', closeDate: '2026-02-15', version: 2, changedFields: ['amount'] }),
  );
  publish('sales.opportunity.created.v1', view(1, repA, { amount: '5555.00', closeDate: '2026-02-15', version: 1 }));
  // O3 (B): open 800.00 at 60 %, closing 2026-01-20.
  publish('sales.opportunity.created.v1', view(3, repB, { amount: '800.00', closeDate: '2026-01-20', industryCode: 'C' }));
  // O4 (A): created open, then won 3000.00 (created 01-05, closed 02-04: 30 days) with lines P1 2000.00, P2 900.00.
  const o4 = { amount: '3000.00', createdAt: '2026-01-05T08:00:00.000Z', closeDate: '2026-02-28' };
  publish('sales.opportunity.created.v1', view(4, repA, o4));
  publish(
    'sales.opportunity.won.v1',
    view(4, repA, {
      ...o4,
      ...won,
      closedAt: '2026-02-04T10:00:00.000Z',
      version: 2,
      reason: 'best offer',
      competitorId: null,
      lines: [
        { productId: 'P1', amount: '2000.00' },
        { productId: 'P2', amount: '900.00' },
      ],
    }),
  );
  // O5 (B): won 1500.00 (01-10 → 03-01: 50 days), line P1 1500.00, phone.
  publish(
    'sales.opportunity.won.v1',
    view(5, repB, {
      ...won,
      amount: '1500.00',
      channel: 'phone',
      industryCode: 'C',
      createdAt: '2026-01-10T00:00:00.000Z',
      closedAt: '2026-03-01T00:00:00.000Z',
      lines: [{ productId: 'P1', amount: '1500.00' }],
    }),
  );
  // O6 (A): lost 700.00 on 01-25. O8 (B): lost 999.99 on 02-10.
  publish('sales.opportunity.lost.v1', view(6, repA, { ...lost, amount: '700.00', closedAt: '2026-01-25T23:30:00.000Z', lines: [] }));
  publish(
    'sales.opportunity.lost.v1',
    view(8, repB, { ...lost, amount: '999.99', industryCode: 'C', closedAt: '2026-02-10T09:00:00.000Z', lines: [] }),
  );
  // O7: created by A (open 400.00 at 50 %, qualify, closing 03-20), then realigned to B.
  publish('sales.opportunity.created.v1', view(7, repA, { amount: '400.00', probability: 50, stage: 'qualify', closeDate: '2026-03-20' }));
  publish('sales.opportunity.reassigned.v1', {
    opportunityId: ids[7],
    ownerId: repB.employeeId,
    territoryId: null,
    previousOwnerId: repA.employeeId,
    previousTerritoryId: null,
    version: 2,
    reason: 'realignment',
  });

  // Freshness: every event applied within seconds.
  await waitFor(async () => {
    const db = await stack.db('sales');
    try {
      const [rows] = await db.query<any[]>("SELECT COUNT(*) AS n FROM inbox WHERE purpose = 'analysis'");
      return Number(rows[0].n) === published;
    } finally {
      await db.end();
    }
  }, 20_000);
}, 180_000);

afterAll(async () => {
  await ch?.close().catch(() => undefined);
  await conn?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

const Q1 = { from: '2026-01-01', to: '2026-03-31' };

describe('sales.analysis.* over the broker, within the data scope', () => {
  it('pipeline by stage: each rep sees their own figures, the manager their team, an all caller both', async () => {
    const all = await call('sales.analysis.pipeline.v1', { ...Q1, groupBy: 'stage' }, admin);
    expect(all.code).toBe(0);
    // proposal: O1 1000.00 (600.00) + O3 800.00 (480.00); qualify: O7 400.00 × 0.5 = 200.00. O1's late v1 (5555.00) is ignored.
    expect(all.data.items).toEqual([
      { key: 'proposal', count: 2, amount: '1800.00', weightedAmount: '1080.00' },
      { key: 'qualify', count: 1, amount: '400.00', weightedAmount: '200.00' },
    ]);
    expect(all.data.totals).toEqual({ count: 3, amount: '2200.00', weightedAmount: '1280.00' });
    expect(all.data.scope).toBe('all');

    const a = await call('sales.analysis.pipeline.v1', { ...Q1, groupBy: 'stage' }, repA);
    expect(a.data.items).toEqual([{ key: 'proposal', count: 1, amount: '1000.00', weightedAmount: '600.00' }]);
    expect(a.data.scope).toBe('own');
    // O7 moved to B: 800.00 + 400.00 = 1200.00; 480.00 + 200.00 = 680.00
    const b = await call('sales.analysis.pipeline.v1', { ...Q1, groupBy: 'owner' }, repB);
    expect(b.data.items).toEqual([{ key: repB.employeeId, count: 2, amount: '1200.00', weightedAmount: '680.00' }]);
    // The manager's team is themselves and A: A's figures only, never B's.
    const m = await call('sales.analysis.pipeline.v1', { ...Q1, groupBy: 'owner' }, manager);
    expect(m.data.items).toEqual([{ key: repA.employeeId, count: 1, amount: '1000.00', weightedAmount: '600.00' }]);
    expect(m.data.totals).toEqual({ count: 1, amount: '1000.00', weightedAmount: '600.00' });
  });

  it('win rate and sales cycle by owner', async () => {
    const all = await call('sales.analysis.win-rate.v1', { ...Q1, groupBy: 'owner' }, admin);
    // A: O4 won (30 days), O6 lost → 50 %; B: O5 won (50 days), O8 lost → 50 %
    expect(all.data.items).toHaveLength(2);
    expect(all.data.items).toEqual(
      expect.arrayContaining([
        { key: repA.employeeId, won: 1, lost: 1, winRate: 50, wonAmount: '3000.00', averageSalesCycleDays: 30 },
        { key: repB.employeeId, won: 1, lost: 1, winRate: 50, wonAmount: '1500.00', averageSalesCycleDays: 50 },
      ]),
    );
    // (30 + 50) / 2 = 40 days
    expect(all.data.totals).toEqual({ won: 2, lost: 2, winRate: 50, wonAmount: '4500.00', averageSalesCycleDays: 40 });
    const b = await call('sales.analysis.win-rate.v1', { ...Q1, groupBy: 'channel' }, repB);
    // B: O5 won by phone, O8 lost in the field
    expect(b.data.items).toEqual([
      { key: 'field', won: 0, lost: 1, winRate: 0, wonAmount: '0.00', averageSalesCycleDays: null },
      { key: 'phone', won: 1, lost: 0, winRate: 100, wonAmount: '1500.00', averageSalesCycleDays: 50 },
    ]);
  });

  it('revenue by product from the won lines, each rep their own', async () => {
    const all = await call('sales.analysis.revenue.v1', { ...Q1, groupBy: 'product' }, admin);
    // P1: 2000.00 + 1500.00; P2: 900.00; unallocated: 3000.00 − 2900.00 = 100.00
    expect(all.data.items).toEqual([
      { key: 'P1', wonCount: 2, revenue: '3500.00' },
      { key: 'P2', wonCount: 1, revenue: '900.00' },
      { key: null, wonCount: 1, revenue: '100.00' },
    ]);
    expect(all.data.totals).toEqual({ wonCount: 2, revenue: '4500.00' });
    expect((await call('sales.analysis.revenue.v1', { ...Q1, groupBy: 'product' }, repB)).data.items).toEqual([
      { key: 'P1', wonCount: 1, revenue: '1500.00' },
    ]);
    expect((await call('sales.analysis.revenue.v1', { ...Q1, groupBy: 'industry' }, repA)).data.totals).toEqual({
      wonCount: 1,
      revenue: '3000.00',
    });
  });

  it('forecast per employee (no quotas set here: attainment null)', async () => {
    const all = await call('sales.analysis.forecast.v1', Q1, admin);
    // A: 3000.00 won + 600.00 weighted = 3600.00; B: 1500.00 + 680.00 = 2180.00
    expect(all.data.items).toEqual([
      {
        key: repA.employeeId,
        quota: '0.00',
        won: '3000.00',
        weightedOpen: '600.00',
        forecast: '3600.00',
        attainment: null,
        forecastAttainment: null,
      },
      {
        key: repB.employeeId,
        quota: '0.00',
        won: '1500.00',
        weightedOpen: '680.00',
        forecast: '2180.00',
        attainment: null,
        forecastAttainment: null,
      },
    ]);
    expect((await call('sales.analysis.forecast.v1', Q1, repA)).data.items.map((i: any) => i.key)).toEqual([repA.employeeId]);
  });

  it('refusals: no analysis.read is 4030, a bad period or grouping is 4220; verify needs scope all and finds no difference', async () => {
    expect((await call('sales.analysis.pipeline.v1', { ...Q1, groupBy: 'stage' }, plainSales)).code).toBe(4030);
    expect(await call('sales.analysis.pipeline.v1', { from: '2026-01-15', to: '2026-03-31', groupBy: 'stage' }, admin)).toMatchObject({
      code: 4220,
      details: [{ field: 'from' }],
    });
    expect(await call('sales.analysis.win-rate.v1', { ...Q1, groupBy: 'product' }, admin)).toMatchObject({
      code: 4220,
      details: [{ field: 'groupBy' }],
    });
    expect((await call('sales.analysis.verify.v1', {}, repA)).code).toBe(4030);
    const v = await call('sales.analysis.verify.v1', {}, admin);
    // 7 opportunities (O1, O3, O4, O5, O6, O7, O8); the SQL recomputation matches the cube kept by delta.
    expect(v).toMatchObject({ code: 0, data: { facts: 7, differences: 0, samples: [], repaired: false } });
    expect(v.data.aggregateRows).toBe(v.data.recomputedRows);
  });
});
