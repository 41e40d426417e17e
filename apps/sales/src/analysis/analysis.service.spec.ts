import { beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { CrmError, type AnalysisGroup } from '@crm/contracts';
import type { CallContext } from '@crm/security';
import type { ViewChange } from './analysis-fact.js';
import { AnalysisFeedService } from './analysis-feed.service.js';
import { MemoryAnalysisStore } from './analysis.memory-store.js';
import { AnalysisService } from './analysis.service.js';

/**
 * The queries over a small data set whose figures were computed by hand (the arithmetic is in the
 * comments). Reps A = E1001, B = E1002, C = E1003; teams north = {A, C}, south = {B}.
 * Period: Q1 2026 (2026-01-01 … 2026-03-31), pipeline `std`, CNY.
 *
 * | opp | owner | status | amount  | prob | close date / closed at        | created     | channel | territory | industry | lines            |
 * | O1  | A     | open   | 1000.00 | 60   | 2026-02-15                    |             | field   | T1        | I65      |                  |
 * | O2  | A     | open   | 2500.50 | 20   | 2026-03-10                    |             | phone   | —         | I65      |                  |
 * | O3  | B     | open   |  800.00 | 60   | 2026-01-20                    |             | field   | T2        | C        |                  |
 * | O4  | A     | won    | 3000.00 |      | 2026-02-04T10:00Z             | 2026-01-05  | field   | T1        | I65      | P1 2000, P2 900  |
 * | O5  | B     | won    | 1500.00 |      | 2026-03-01T00:00Z             | 2026-01-10  | phone   | T2        | C        | P1 1500          |
 * | O6  | A     | lost   |  700.00 |      | 2026-01-25T23:30Z             | 2026-01-02  | field   | T1        | I65      |                  |
 * | O7  | B     | lost   |  400.00 |      | 2026-03-15T09:00Z             | 2026-02-01  | phone   | T2        | C        |                  |
 * | O8  | B     | lost   |  999.99 |      | 2026-02-10T09:00Z             | 2026-01-15  | field   | T2        | C        |                  |
 * | O9  | A     | open   | 5000.00 | 50   | 2026-04-02 (outside Q1)       |             | field   | T1        | I65      |                  |
 * | O10 | C     | won    | 1200.00 |      | 2026-02-11T08:00Z             | 2026-02-01  | online  | —         | —        | (none)           |
 * | O11 | A     | won    | 9999.00 |      | 2025-12-31T15:59Z (outside)   | 2025-12-01  | field   | T1        | I65      |                  |
 */
const m = {} as EntityManager;
const A = 'E1001';
const B = 'E1002';
const C = 'E1003';
const id = (n: number) => `6f1c1f0e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const Q1 = { from: '2026-01-01', to: '2026-03-31' };

function opp(n: number, o: Partial<ViewChange>): ViewChange {
  return {
    kind: 'view',
    opportunityId: id(n),
    version: 1,
    ownerId: A,
    territoryId: 'T1',
    channel: 'field',
    industryCode: 'I65',
    pipelineId: 'std',
    stage: 'proposal',
    status: 'open',
    amount: '0.00',
    probability: 0,
    currency: 'CNY',
    closeDate: '2026-01-01',
    createdAt: '2026-01-01T00:00:00.000Z',
    closedAt: null,
    ...o,
  };
}

const won = { status: 'won' as const, stage: 'won', probability: 100 };
const lost = { status: 'lost' as const, stage: 'lost', probability: 0 };
const DATA: ViewChange[] = [
  opp(1, { amount: '1000.00', probability: 60, closeDate: '2026-02-15' }),
  opp(2, { amount: '2500.50', probability: 20, stage: 'qualify', closeDate: '2026-03-10', channel: 'phone', territoryId: null }),
  opp(3, { ownerId: B, amount: '800.00', probability: 60, closeDate: '2026-01-20', territoryId: 'T2', industryCode: 'C' }),
  opp(4, {
    ...won,
    amount: '3000.00',
    closeDate: '2026-02-28',
    createdAt: '2026-01-05T08:00:00.000Z',
    closedAt: '2026-02-04T10:00:00.000Z',
    lines: [
      { productId: 'P1', amount: '2000.00' },
      { productId: 'P2', amount: '900.00' },
    ],
  }),
  opp(5, {
    ...won,
    ownerId: B,
    amount: '1500.00',
    channel: 'phone',
    territoryId: 'T2',
    industryCode: 'C',
    closeDate: '2026-03-31',
    createdAt: '2026-01-10T00:00:00.000Z',
    closedAt: '2026-03-01T00:00:00.000Z',
    lines: [{ productId: 'P1', amount: '1500.00' }],
  }),
  opp(6, {
    ...lost,
    amount: '700.00',
    closeDate: '2026-01-31',
    createdAt: '2026-01-02T00:00:00.000Z',
    closedAt: '2026-01-25T23:30:00.000Z',
  }),
  opp(7, {
    ...lost,
    ownerId: B,
    amount: '400.00',
    channel: 'phone',
    territoryId: 'T2',
    industryCode: 'C',
    createdAt: '2026-02-01T00:00:00.000Z',
    closedAt: '2026-03-15T09:00:00.000Z',
  }),
  opp(8, {
    ...lost,
    ownerId: B,
    amount: '999.99',
    territoryId: 'T2',
    industryCode: 'C',
    createdAt: '2026-01-15T00:00:00.000Z',
    closedAt: '2026-02-10T09:00:00.000Z',
  }),
  opp(9, { amount: '5000.00', probability: 50, closeDate: '2026-04-02' }),
  opp(10, {
    ...won,
    ownerId: C,
    amount: '1200.00',
    channel: 'online',
    territoryId: null,
    industryCode: null,
    createdAt: '2026-02-01T00:00:00.000Z',
    closedAt: '2026-02-11T08:00:00.000Z',
    lines: [],
  }),
  opp(11, { ...won, amount: '9999.00', createdAt: '2025-12-01T00:00:00.000Z', closedAt: '2025-12-31T15:59:00.000Z' }),
];

const ctx = (scope: 'own' | 'team' | 'all', owners: string[] | null, employeeId = 'E9000'): CallContext => ({
  caller: 'FRONTEND',
  employeeId,
  requestKey: null,
  requestId: null,
  scope: { scope, owners },
  permissions: ['analysis.read'],
});
const ALL = ctx('all', null);
const REP_A = ctx('own', [A], A);
const REP_B = ctx('own', [B], B);
/** A manager whose team (for the data scope) is themselves and A; C is in sales team north but not in this scope. */
const MANAGER = ctx('team', ['E1009', A], 'E1009');

let service: AnalysisService;
let store: MemoryAnalysisStore;

beforeAll(async () => {
  store = new MemoryAnalysisStore();
  const feed = new AnalysisFeedService(store);
  for (const c of DATA) await feed.apply(m, c);
  store.memberships = [
    { teamId: 'north', name: 'North', employeeId: A },
    { teamId: 'north', name: 'North', employeeId: C },
    { teamId: 'south', name: 'South', employeeId: B },
  ];
  store.quotaRows = [
    { ownerKind: 'employee', ownerId: A, periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: '5000.00', currency: 'CNY' },
    { ownerKind: 'employee', ownerId: A, periodStart: '2026-04-01', periodEnd: '2026-04-30', amount: '2000.00', currency: 'CNY' },
    { ownerKind: 'employee', ownerId: B, periodStart: '2026-01-01', periodEnd: '2026-01-31', amount: '1000.00', currency: 'CNY' },
    { ownerKind: 'employee', ownerId: B, periodStart: '2026-02-01', periodEnd: '2026-02-28', amount: '1000.00', currency: 'CNY' },
    { ownerKind: 'employee', ownerId: B, periodStart: '2026-03-01', periodEnd: '2026-03-31', amount: '1000.00', currency: 'CNY' },
    { ownerKind: 'team', ownerId: 'north', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: '9000.00', currency: 'CNY' },
  ];
  service = new AnalysisService(store);
});

const q = (groupBy: AnalysisGroup, extra: object = {}) => ({ ...Q1, groupBy, ...extra });

describe('sales.analysis.pipeline.v1 (open, expected to close in the period)', () => {
  it('by stage for scope all', async () => {
    const r = await service.pipeline(q('stage'), ALL);
    // proposal: O1 + O3 = 1000.00 + 800.00 = 1800.00; weighted 600.00 + 480.00 = 1080.00
    // qualify: O2 2500.50; weighted 2500.50 × 0.20 = 500.10.  O9 closes in April: out.
    expect(r.items).toEqual([
      { key: 'qualify', count: 1, amount: '2500.50', weightedAmount: '500.10' },
      { key: 'proposal', count: 2, amount: '1800.00', weightedAmount: '1080.00' },
    ]);
    // 3 open, 1800.00 + 2500.50 = 4300.50, 1080.00 + 500.10 = 1580.10
    expect(r.totals).toEqual({ count: 3, amount: '4300.50', weightedAmount: '1580.10' });
    expect(r).toMatchObject({ from: '2026-01-01', to: '2026-03-31', groupBy: 'stage', scope: 'all', currency: 'CNY' });
  });

  it("a rep sees only their own: A's O1 and O2, none of B's O3", async () => {
    const r = await service.pipeline(q('stage'), REP_A);
    expect(r.items).toEqual([
      { key: 'qualify', count: 1, amount: '2500.50', weightedAmount: '500.10' },
      { key: 'proposal', count: 1, amount: '1000.00', weightedAmount: '600.00' },
    ]);
    // 1000.00 + 2500.50 = 3500.50; 600.00 + 500.10 = 1100.10
    expect(r.totals).toEqual({ count: 2, amount: '3500.50', weightedAmount: '1100.10' });
    expect((await service.pipeline(q('owner'), REP_B)).items).toEqual([{ key: B, count: 1, amount: '800.00', weightedAmount: '480.00' }]);
  });

  it('by owner, channel, territory and industry; filters by channel and pipeline', async () => {
    expect((await service.pipeline(q('owner'), ALL)).items).toEqual([
      { key: A, count: 2, amount: '3500.50', weightedAmount: '1100.10' },
      { key: B, count: 1, amount: '800.00', weightedAmount: '480.00' },
    ]);
    // field: O1 1000.00 (600.00) + O3 800.00 (480.00) = 1800.00 (1080.00); phone: O2
    expect((await service.pipeline(q('channel'), ALL)).items).toEqual([
      { key: 'phone', count: 1, amount: '2500.50', weightedAmount: '500.10' },
      { key: 'field', count: 2, amount: '1800.00', weightedAmount: '1080.00' },
    ]);
    // O2 has no territory: key null
    expect((await service.pipeline(q('territory'), ALL)).items).toEqual([
      { key: null, count: 1, amount: '2500.50', weightedAmount: '500.10' },
      { key: 'T1', count: 1, amount: '1000.00', weightedAmount: '600.00' },
      { key: 'T2', count: 1, amount: '800.00', weightedAmount: '480.00' },
    ]);
    expect((await service.pipeline(q('industry'), ALL)).items).toEqual([
      { key: 'I65', count: 2, amount: '3500.50', weightedAmount: '1100.10' },
      { key: 'C', count: 1, amount: '800.00', weightedAmount: '480.00' },
    ]);
    expect((await service.pipeline(q('stage', { channel: 'field' }), ALL)).totals).toEqual({
      count: 2,
      amount: '1800.00',
      weightedAmount: '1080.00',
    });
    expect((await service.pipeline(q('stage', { pipelineId: 'other' }), ALL)).totals).toEqual({
      count: 0,
      amount: '0.00',
      weightedAmount: '0.00',
    });
  });

  it('by team: north = A (+ C, nothing open), south = B', async () => {
    expect((await service.pipeline(q('team'), ALL)).items).toEqual([
      { key: 'north', name: 'North', count: 2, amount: '3500.50', weightedAmount: '1100.10' },
      { key: 'south', name: 'South', count: 1, amount: '800.00', weightedAmount: '480.00' },
    ]);
  });

  it('a period of February only, and refusals: product grouping, a period not on month bounds, no employee', async () => {
    // Only O1 closes in February.
    expect((await service.pipeline({ from: '2026-02-01', to: '2026-02-28', groupBy: 'stage' }, ALL)).totals).toEqual({
      count: 1,
      amount: '1000.00',
      weightedAmount: '600.00',
    });
    await expect(service.pipeline(q('product'), ALL)).rejects.toMatchObject({ code: 4220, details: [{ field: 'groupBy' }] });
    await expect(service.pipeline({ from: '2026-01-01', to: '2026-03-30', groupBy: 'stage' }, ALL)).rejects.toMatchObject({
      code: 4220,
      details: [{ field: 'to' }],
    });
    await expect(service.pipeline({ from: '2026-03-01', to: '2026-01-31', groupBy: 'stage' }, ALL)).rejects.toMatchObject({ code: 4220 });
    await expect(service.pipeline(q('stage'), { ...ALL, scope: null })).rejects.toBeInstanceOf(CrmError);
  });
});

describe('sales.analysis.win-rate.v1 (closed in the period)', () => {
  it('by owner, with the average sales cycle of the won ones', async () => {
    const r = await service.winRate(q('owner'), ALL);
    // A: O4 won (created 01-05, closed 02-04: 26 + 4 = 30 days), O6 lost → 1/(1+1) = 50.0 %; O11 closed in Dec 2025: out.
    // B: O5 won (01-10 → 03-01: 21 + 28 + 1 = 50 days), O7 and O8 lost → 1/3 = 33.333… → 33.3 %.
    // C: O10 won (02-01 → 02-11: 10 days) → 100.0 %.
    expect(r.items).toEqual([
      { key: B, won: 1, lost: 2, winRate: 33.3, wonAmount: '1500.00', averageSalesCycleDays: 50 },
      { key: A, won: 1, lost: 1, winRate: 50, wonAmount: '3000.00', averageSalesCycleDays: 30 },
      { key: C, won: 1, lost: 0, winRate: 100, wonAmount: '1200.00', averageSalesCycleDays: 10 },
    ]);
    // 3 won, 3 lost → 50.0 %; 3000.00 + 1500.00 + 1200.00 = 5700.00; (30 + 50 + 10) / 3 = 30.0 days
    expect(r.totals).toEqual({ won: 3, lost: 3, winRate: 50, wonAmount: '5700.00', averageSalesCycleDays: 30 });
  });

  it('by channel; a rep sees their own only; a manager sees self and A, not B or C', async () => {
    // field: O4 won, O6 and O8 lost → 33.3 %; phone: O5 won, O7 lost → 50.0 %; online: O10 won → 100.0 %
    expect((await service.winRate(q('channel'), ALL)).items).toEqual([
      { key: 'field', won: 1, lost: 2, winRate: 33.3, wonAmount: '3000.00', averageSalesCycleDays: 30 },
      { key: 'phone', won: 1, lost: 1, winRate: 50, wonAmount: '1500.00', averageSalesCycleDays: 50 },
      { key: 'online', won: 1, lost: 0, winRate: 100, wonAmount: '1200.00', averageSalesCycleDays: 10 },
    ]);
    const mine = { won: 1, lost: 1, winRate: 50, wonAmount: '3000.00', averageSalesCycleDays: 30 };
    expect((await service.winRate(q('channel'), REP_A)).totals).toEqual(mine);
    expect((await service.winRate(q('team'), MANAGER)).items).toEqual([{ key: 'north', name: 'North', ...mine }]);
    expect((await service.winRate(q('team'), MANAGER)).totals).toEqual(mine);
  });
});

describe('sales.analysis.revenue.v1 (won in the period)', () => {
  it('by product from the accepted quote lines; what no line explains is key null', async () => {
    const r = await service.revenue(q('product'), ALL);
    // P1: O4 2000.00 + O5 1500.00 = 3500.00 (2 won); P2: O4 900.00;
    // null: O4 3000.00 − 2900.00 = 100.00, O10 without lines 1200.00 → 1300.00 (2 won)
    expect(r.items).toEqual([
      { key: 'P1', wonCount: 2, revenue: '3500.00' },
      { key: null, wonCount: 2, revenue: '1300.00' },
      { key: 'P2', wonCount: 1, revenue: '900.00' },
    ]);
    // 3500.00 + 1300.00 + 900.00 = 5700.00 = the won total
    expect(r.totals).toEqual({ wonCount: 3, revenue: '5700.00' });
    expect((await service.revenue(q('product'), REP_A)).items).toEqual([
      { key: 'P1', wonCount: 1, revenue: '2000.00' },
      { key: 'P2', wonCount: 1, revenue: '900.00' },
      { key: null, wonCount: 1, revenue: '100.00' },
    ]);
  });

  it('by team, territory and industry', async () => {
    // north: A 3000.00 + C 1200.00 = 4200.00
    expect((await service.revenue(q('team'), ALL)).items).toEqual([
      { key: 'north', name: 'North', wonCount: 2, revenue: '4200.00' },
      { key: 'south', name: 'South', wonCount: 1, revenue: '1500.00' },
    ]);
    expect((await service.revenue(q('territory'), ALL)).items).toEqual([
      { key: 'T1', wonCount: 1, revenue: '3000.00' },
      { key: 'T2', wonCount: 1, revenue: '1500.00' },
      { key: null, wonCount: 1, revenue: '1200.00' },
    ]);
    expect((await service.revenue(q('industry'), REP_B)).items).toEqual([{ key: 'C', wonCount: 1, revenue: '1500.00' }]);
  });
});

describe('sales.analysis.forecast.v1 (won + weighted open vs quota)', () => {
  it('per employee', async () => {
    const r = await service.forecast(Q1, ALL);
    // A: won 3000.00 + weighted open 1100.10 = 4100.10; quota 5000.00 (the April quota is outside):
    //    3000 / 5000 = 60.0 %, 4100.10 / 5000 = 82.002 → 82.0 %
    // B: 1500.00 + 480.00 = 1980.00; quota 1000 × 3 months = 3000.00: 50.0 %, 66.0 %
    // C: 1200.00, no quota: attainment null
    expect(r.items).toEqual([
      { key: A, quota: '5000.00', won: '3000.00', weightedOpen: '1100.10', forecast: '4100.10', attainment: 60, forecastAttainment: 82 },
      { key: B, quota: '3000.00', won: '1500.00', weightedOpen: '480.00', forecast: '1980.00', attainment: 50, forecastAttainment: 66 },
      { key: C, quota: '0.00', won: '1200.00', weightedOpen: '0.00', forecast: '1200.00', attainment: null, forecastAttainment: null },
    ]);
    // 5700.00 won + 1580.10 = 7280.10 vs 8000.00: 71.25 → 71.3 %, 91.00125 → 91.0 %
    expect(r.totals).toEqual({
      quota: '8000.00',
      won: '5700.00',
      weightedOpen: '1580.10',
      forecast: '7280.10',
      attainment: 71.3,
      forecastAttainment: 91,
    });
  });

  it("per team: the team's own quota when the caller sees the whole team, else the quotas of the members in scope", async () => {
    // north (A, C): 4200.00 + 1100.10 = 5300.10 vs its quota 9000.00: 46.666… → 46.7 %, 58.89 → 58.9 %
    // south (B): no team quota → B's 3000.00
    expect((await service.forecast({ ...Q1, groupBy: 'team' }, ALL)).items).toEqual([
      {
        key: 'north',
        name: 'North',
        quota: '9000.00',
        won: '4200.00',
        weightedOpen: '1100.10',
        forecast: '5300.10',
        attainment: 46.7,
        forecastAttainment: 58.9,
      },
      {
        key: 'south',
        name: 'South',
        quota: '3000.00',
        won: '1500.00',
        weightedOpen: '480.00',
        forecast: '1980.00',
        attainment: 50,
        forecastAttainment: 66,
      },
    ]);
    // The manager's scope holds A but not C: north shows A's figures against A's quota only.
    const r = await service.forecast({ ...Q1, groupBy: 'team' }, MANAGER);
    expect(r.items).toEqual([
      {
        key: 'north',
        name: 'North',
        quota: '5000.00',
        won: '3000.00',
        weightedOpen: '1100.10',
        forecast: '4100.10',
        attainment: 60,
        forecastAttainment: 82,
      },
    ]);
    expect(r.totals).toMatchObject({ won: '3000.00', weightedOpen: '1100.10', quota: '5000.00' });
  });
});

describe('sales.analysis.verify.v1', () => {
  it('agrees with the recomputation; needs scope all', async () => {
    expect(await service.verify({}, ALL)).toMatchObject({ facts: DATA.length, differences: 0, repaired: false });
    await expect(service.verify({}, MANAGER)).rejects.toMatchObject({ code: 4030 });
  });
});
