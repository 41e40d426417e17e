import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { contributionsOf, cubeDelta, nextFact, type CubeRow, type FactChange, type ViewChange } from './analysis-fact.js';
import { AnalysisFeedService } from './analysis-feed.service.js';
import { MemoryAnalysisStore } from './analysis.memory-store.js';

const ID = '6f1c1f0e-0000-4000-8000-000000000001';
const m = {} as EntityManager;

function view(over: Partial<ViewChange> = {}): ViewChange {
  return {
    kind: 'view',
    opportunityId: ID,
    version: 1,
    ownerId: 'E1001',
    territoryId: 'T1',
    channel: 'field',
    industryCode: 'I65',
    pipelineId: 'std',
    stage: 'proposal',
    status: 'open',
    amount: '1000.00',
    probability: 60,
    currency: 'CNY',
    closeDate: '2026-02-15',
    createdAt: '2026-01-05T08:00:00.000Z',
    closedAt: null,
    ...over,
  };
}

/** A row as text, to compare figures exactly. */
const t = (r: CubeRow) =>
  `${r.kind}/${r.dim}/${r.ownerId}/${r.month}/${r.value}: n=${r.oppCount} amt=${r.amount.toFixed(2)} w=${r.weighted.toFixed(4)} ` +
  `won=${r.wonCount} wamt=${r.wonAmount.toFixed(2)} lost=${r.lostCount} days=${r.cycleDays}`;

describe('nextFact: latest version wins, per field group', () => {
  it('applies a newer view and ignores a redelivery or an older one arriving late', () => {
    const v1 = nextFact(null, view())!;
    const v3 = nextFact(v1, view({ version: 3, stage: 'negotiate', probability: 80 }))!;
    expect(v3).toMatchObject({ version: 3, ownerVersion: 3, stage: 'negotiate' });
    expect(nextFact(v3, view({ version: 2, stage: 'qualify' }))).toBeNull();
    expect(nextFact(v3, view({ version: 3, stage: 'qualify' }))).toBeNull();
  });

  it('a reassignment moves owner and territory only; an older view keeps the newer owner', () => {
    const v1 = nextFact(null, view())!;
    const moved = nextFact(v1, { kind: 'reassigned', opportunityId: ID, version: 3, ownerId: 'E1002', territoryId: 'T2' })!;
    expect(moved).toMatchObject({ version: 1, ownerVersion: 3, ownerId: 'E1002', territoryId: 'T2', stage: 'proposal' });
    // The v2 update was published before the reassignment but arrives after it: its stage counts, its owner does not.
    const late = nextFact(moved, view({ version: 2, stage: 'negotiate' }))!;
    expect(late).toMatchObject({ version: 2, ownerVersion: 3, ownerId: 'E1002', territoryId: 'T2', stage: 'negotiate' });
  });

  it('a reassignment before the created event makes a row that counts nothing until the view arrives', () => {
    const stub = nextFact(null, { kind: 'reassigned', opportunityId: ID, version: 2, ownerId: 'E1002', territoryId: null })!;
    expect(stub).toMatchObject({ version: 0, ownerVersion: 2, ownerId: 'E1002' });
    expect(contributionsOf(stub)).toEqual([]);
    const created = nextFact(stub, view({ version: 1 }))!;
    expect(created).toMatchObject({ version: 1, ownerId: 'E1002', territoryId: null, amount: '1000.00' });
    expect(
      contributionsOf(created)
        .filter((r) => r.dim === 'base')
        .map((r) => r.ownerId),
    ).toEqual(['E1002', '*']);
  });

  it('won lines replace the product split; a later update without lines keeps it; lines of one product add up', () => {
    const won = nextFact(
      nextFact(null, view())!,
      view({
        version: 2,
        status: 'won',
        closedAt: '2026-02-04T10:00:00.000Z',
        lines: [
          { productId: 'P2', amount: '400.00' },
          { productId: 'P1', amount: '2000.00' },
          { productId: 'P2', amount: '500.00' },
        ],
      }),
    )!;
    expect(won.lines).toEqual([
      { productId: 'P1', amount: '2000.00' },
      { productId: 'P2', amount: '900.00' },
    ]);
    expect(nextFact(won, view({ version: 3, status: 'won', closedAt: '2026-02-04T10:00:00.000Z' }))!.lines).toEqual(won.lines);
  });
});

describe('contributions and the delta', () => {
  it('an open opportunity: 1, amount and amount × probability in its close month, per dimension, for the owner and *', () => {
    // 1000.00 × 60 / 100 = 600.0000
    expect(contributionsOf(nextFact(null, view())).map(t)).toEqual([
      'open/base/E1001/2026-02-01/: n=1 amt=1000.00 w=600.0000 won=0 wamt=0.00 lost=0 days=0',
      'open/base/*/2026-02-01/: n=1 amt=1000.00 w=600.0000 won=0 wamt=0.00 lost=0 days=0',
      'open/stage/E1001/2026-02-01/proposal: n=1 amt=1000.00 w=600.0000 won=0 wamt=0.00 lost=0 days=0',
      'open/stage/*/2026-02-01/proposal: n=1 amt=1000.00 w=600.0000 won=0 wamt=0.00 lost=0 days=0',
      'open/territory/E1001/2026-02-01/T1: n=1 amt=1000.00 w=600.0000 won=0 wamt=0.00 lost=0 days=0',
      'open/territory/*/2026-02-01/T1: n=1 amt=1000.00 w=600.0000 won=0 wamt=0.00 lost=0 days=0',
      'open/industry/E1001/2026-02-01/I65: n=1 amt=1000.00 w=600.0000 won=0 wamt=0.00 lost=0 days=0',
      'open/industry/*/2026-02-01/I65: n=1 amt=1000.00 w=600.0000 won=0 wamt=0.00 lost=0 days=0',
    ]);
  });

  it('open → won: the open figures leave the close month, the won ones enter the month it closed, by product with the rest unallocated', () => {
    const open = nextFact(null, view({ amount: '3000.00' }))!;
    const won = nextFact(
      open,
      view({
        version: 2,
        amount: '3000.00',
        status: 'won',
        stage: 'won',
        probability: 100,
        closedAt: '2026-03-04T10:00:00.000Z',
        lines: [
          { productId: 'P1', amount: '2000.00' },
          { productId: 'P2', amount: '900.00' },
        ],
      }),
    )!;
    const delta = cubeDelta(open, won).filter((r) => r.ownerId === 'E1001' && (r.dim === 'base' || r.dim === 'product'));
    // 3000.00 × 60 / 100 = 1800.0000 leaves February; created 2026-01-05, closed 2026-03-04: 26 + 28 + 4 = 58 days;
    // products: P1 2000.00, P2 900.00, unallocated 3000.00 − 2900.00 = 100.00.
    expect(delta.map(t)).toEqual([
      'closed/base/E1001/2026-03-01/: n=1 amt=3000.00 w=0.0000 won=1 wamt=3000.00 lost=0 days=58',
      'open/base/E1001/2026-02-01/: n=-1 amt=-3000.00 w=-1800.0000 won=0 wamt=0.00 lost=0 days=0',
      'product/product/E1001/2026-03-01/: n=1 amt=0.00 w=0.0000 won=0 wamt=100.00 lost=0 days=0',
      'product/product/E1001/2026-03-01/P1: n=1 amt=0.00 w=0.0000 won=0 wamt=2000.00 lost=0 days=0',
      'product/product/E1001/2026-03-01/P2: n=1 amt=0.00 w=0.0000 won=0 wamt=900.00 lost=0 days=0',
    ]);
  });

  it('an amount change in the same month moves only the figures, and a no-op change moves nothing', () => {
    const a = nextFact(null, view())!;
    const b = nextFact(a, view({ version: 2, amount: '1250.00' }))!;
    // +250.00; weighted 1250 × 0.6 − 1000 × 0.6 = 750 − 600 = +150.0000; count unchanged.
    expect(
      cubeDelta(a, b)
        .filter((r) => r.ownerId === '*' && r.dim === 'base')
        .map(t),
    ).toEqual(['open/base/*/2026-02-01/: n=0 amt=250.00 w=150.0000 won=0 wamt=0.00 lost=0 days=0']);
    expect(cubeDelta(a, nextFact(a, view({ version: 2 }))!)).toEqual([]);
  });
});

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the cube kept by delta agrees with a full recomputation after random changes', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: 40 opportunities, 400 changes, delivered shuffled and partly twice', async (seed) => {
    const rnd = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const store = new MemoryAnalysisStore();
    const feed = new AnalysisFeedService(store);
    const versions = new Map<string, number>();
    const changes: FactChange[] = [];
    for (let i = 0; i < 400; i++) {
      const id = `6f1c1f0e-0000-4000-8000-${String(Math.floor(rnd() * 40)).padStart(12, '0')}`;
      const version = (versions.get(id) ?? 0) + 1;
      versions.set(id, version);
      if (version > 1 && rnd() < 0.15) {
        changes.push({
          kind: 'reassigned',
          opportunityId: id,
          version,
          ownerId: pick(['E1', 'E2', 'E3']),
          territoryId: pick([null, 'T1', 'T2']),
        });
        continue;
      }
      const status = pick(['open', 'open', 'won', 'lost'] as const);
      const amount = `${Math.floor(rnd() * 100000)}.${String(Math.floor(rnd() * 100)).padStart(2, '0')}`;
      changes.push(
        view({
          opportunityId: id,
          version,
          ownerId: pick(['E1', 'E2', 'E3']),
          territoryId: pick([null, 'T1', 'T2']),
          industryCode: pick([null, 'I65', 'C']),
          channel: pick(['field', 'phone', 'partner', 'online'] as const),
          stage: pick(['qualify', 'proposal', 'negotiate']),
          probability: Math.floor(rnd() * 101),
          amount,
          status,
          closeDate: pick(['2026-01-31', '2026-02-01', '2026-03-15']),
          closedAt: status === 'open' ? null : pick(['2026-01-31T23:59:59.999Z', '2026-02-01T00:00:00.000Z', '2026-04-02T12:00:00.000Z']),
          ...(status === 'won' && rnd() < 0.8
            ? {
                lines: [
                  { productId: pick(['P1', 'P2']), amount: `${Math.floor(rnd() * 50000)}.00` },
                  { productId: 'P3', amount: '10.00' },
                ],
              }
            : {}),
        }),
      );
    }
    // Out of order (as with replicas and retries), some delivered twice: the inbox would drop a
    // duplicate eventId, but the fact rows must also tolerate a producer's re-send.
    const deliveries = [...changes, ...changes.filter(() => rnd() < 0.2)].sort(() => rnd() - 0.5);
    for (const c of deliveries) await feed.apply(m, c);
    const check = await store.verify(false);
    expect(check.facts).toBeGreaterThan(0);
    expect(check.samples).toEqual([]);
    expect(check.differences).toBe(0);
    // Each fact holds its newest view (the reassignments may have moved its owner since).
    for (const [id, v] of versions) {
      const newestView = changes.filter((c): c is ViewChange => c.opportunityId === id && c.kind === 'view').at(-1);
      if (newestView) expect(store.facts.get(id)).toMatchObject({ version: newestView.version, amount: newestView.amount });
      expect(Math.max(store.facts.get(id)!.version, store.facts.get(id)!.ownerVersion)).toBe(v);
    }
  });

  it('verify reports a tampered cube row, and repair restores agreement', async () => {
    const store = new MemoryAnalysisStore();
    await new AnalysisFeedService(store).apply(m, view());
    const [k, row] = [...store.cube.entries()][0]!;
    store.cube.set(k, { ...row, oppCount: 7 });
    expect((await store.verify(true)).differences).toBe(1);
    expect((await store.verify(false)).differences).toBe(0);
  });
});
