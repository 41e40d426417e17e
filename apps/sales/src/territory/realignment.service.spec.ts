import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { SALES_ACCOUNT_REASSIGNED_V1, SALES_OPPORTUNITY_REASSIGNED_V1, type RealignmentMoveView } from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import type { Placeable, RealignedEntity, RealignmentRepository, RealignmentScope } from './realignment.repository.js';
import { RealignmentService } from './realignment.service.js';
import type { CurrentAssignment, Move, TerritoryAssignment, TerritorySet } from './territory-assignment.js';
import type { PlacementInput } from './territory-placement.js';

function rec(id: string, regionCode: string, ownerId = 'E100050', territoryId: string | null = null): Placeable {
  return { id, ownerId, territoryId, regionCode, industryCode: null, segment: 'business', version: 3 };
}

/** Records in memory; batches in id order like the SQL; each transaction's batches counted. */
class FakeRuns {
  records: Record<RealignedEntity, Placeable[]> = { account: [], opportunity: [] };
  batches: Array<{ entity: RealignedEntity; ids: string[]; locked: boolean }> = [];
  progressRows: Array<{ scanned: number; moved: number }> = [];
  finished: Array<{ status: string; error: string | null }> = [];
  failOnBatch = -1;

  async batch(_m: EntityManager, entity: RealignedEntity, _s: RealignmentScope, after: string, limit: number, lock: boolean) {
    if (this.batches.length === this.failOnBatch) throw new Error('database gone');
    const rows = this.records[entity]
      .filter((r) => r.id > after)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit);
    this.batches.push({ entity, ids: rows.map((r) => r.id), locked: lock });
    return rows.map((r) => ({ ...r }));
  }
  async move(_m: EntityManager, entity: RealignedEntity, id: string, ownerId: string, territoryId: string | null) {
    const r = this.records[entity].find((x) => x.id === id)!;
    Object.assign(r, { ownerId, territoryId, version: r.version + 1 });
  }
  async progress(_m: EntityManager, _id: string, scanned: number, moves: RealignmentMoveView[]) {
    this.progressRows.push({ scanned, moved: moves.length });
  }
  async finish(_id: string, status: string, error: string | null) {
    this.finished.push({ status, error });
  }
}

/** Shenzhen (4403…) records belong to territory T-SZ owned by E100001; everything else to no territory. */
class FakeAssignment {
  async load(): Promise<TerritorySet> {
    return { territories: [] };
  }
  async realign(_m: EntityManager, _s: TerritorySet, input: PlacementInput, current: CurrentAssignment): Promise<Move | null> {
    const target = input.regionCode?.startsWith('4403') ? 'T-SZ' : null;
    if (target === current.territoryId) return null;
    return target
      ? { territoryId: target, ownerId: 'E100001', ruleId: 'R-SZ' }
      : { territoryId: null, ownerId: current.ownerId, ruleId: null };
  }
}

function setup() {
  const runs = new FakeRuns();
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  const changes = {
    record: async (_m: EntityManager | null, context: ChangeContext, change: Change) => void recorded.push({ context, change }),
  };
  let transactions = 0;
  const dataSource = {
    transaction: async <T>(run: (m: EntityManager) => Promise<T>) => {
      transactions += 1;
      return run({} as EntityManager);
    },
  };
  const service = new RealignmentService(
    dataSource as unknown as DataSource,
    changes as unknown as ChangeRecorder,
    runs as unknown as RealignmentRepository,
    new FakeAssignment() as unknown as TerritoryAssignment,
  );
  service.batchSize = 2;
  return { service, runs, recorded, transactions: () => transactions };
}

const ctx: ChangeContext = { caller: 'FRONTEND', employeeId: 'E100099', requestId: 'rq-1' };

describe('RealignmentService.run', () => {
  it('walks accounts then open opportunities in batches, one transaction each, moving and recording what changed', async () => {
    const { service, runs, recorded, transactions } = setup();
    // 5 accounts: 3 in Shenzhen (one already placed), 2 elsewhere (one wrongly in T-SZ). 3 opportunities, 1 in Shenzhen.
    runs.records.account = [
      rec('a1', '440304'),
      rec('a2', '440305', 'E100001', 'T-SZ'),
      rec('a3', '110101', 'E100050', 'T-SZ'),
      rec('a4', '440303'),
      rec('a5', '310101'),
    ];
    runs.records.opportunity = [rec('o1', '440304'), rec('o2', '310101'), rec('o3', '110101')];
    await service.run('run-1', null, false, ctx);

    // Batches of 2: accounts a1a2, a3a4, a5, (empty); opportunities o1o2, o3, (empty) = 7 transactions.
    expect(runs.batches.map((b) => b.ids)).toEqual([['a1', 'a2'], ['a3', 'a4'], ['a5'], [], ['o1', 'o2'], ['o3'], []]);
    expect(transactions()).toBe(7);
    expect(runs.batches.every((b) => b.locked)).toBe(true);
    // Moved: a1 (into T-SZ, owner E100001), a3 (leaves T-SZ, keeps its owner), a4, o1. a2 is placed; a5, o2, o3 have no territory.
    expect(runs.progressRows).toEqual([
      { scanned: 2, moved: 1 },
      { scanned: 2, moved: 2 },
      { scanned: 1, moved: 0 },
      { scanned: 2, moved: 1 },
      { scanned: 1, moved: 0 },
    ]);
    expect(runs.finished).toEqual([{ status: 'completed', error: null }]);
    expect(runs.records.account.find((r) => r.id === 'a1')).toMatchObject({ ownerId: 'E100001', territoryId: 'T-SZ', version: 4 });
    expect(runs.records.account.find((r) => r.id === 'a3')).toMatchObject({ ownerId: 'E100050', territoryId: null, version: 4 });
    expect(runs.records.account.find((r) => r.id === 'a2')).toMatchObject({ version: 3 });

    expect(recorded.map((r) => `${r.change.entity}:${r.change.entityId}`)).toEqual([
      'account:a1',
      'account:a3',
      'account:a4',
      'opportunity:o1',
    ]);
    expect(recorded[0]).toEqual({
      context: ctx,
      change: {
        entity: 'account',
        entityId: 'a1',
        action: 'realign',
        before: { ownerId: 'E100050', territoryId: null },
        after: { ownerId: 'E100001', territoryId: 'T-SZ', ruleId: 'R-SZ', realignmentId: 'run-1' },
        event: {
          pattern: SALES_ACCOUNT_REASSIGNED_V1,
          data: {
            accountId: 'a1',
            ownerId: 'E100001',
            territoryId: 'T-SZ',
            previousOwnerId: 'E100050',
            previousTerritoryId: null,
            version: 4,
            reason: 'territory-realignment',
            realignmentId: 'run-1',
            ruleId: 'R-SZ',
          },
        },
      },
    });
    expect(recorded[3]!.change.event).toEqual({
      pattern: SALES_OPPORTUNITY_REASSIGNED_V1,
      data: {
        opportunityId: 'o1',
        ownerId: 'E100001',
        territoryId: 'T-SZ',
        previousOwnerId: 'E100050',
        previousTerritoryId: null,
        version: 4,
        reason: 'territory-realignment',
        realignmentId: 'run-1',
        ruleId: 'R-SZ',
      },
    });

    // Run again: everything is placed, nothing moves.
    runs.progressRows = [];
    await service.run('run-2', null, false, ctx);
    expect(runs.progressRows.reduce((n, p) => n + p.moved, 0)).toBe(0);
    expect(recorded).toHaveLength(4);
  });

  it('a dry run reads without locks, counts what would move and changes nothing', async () => {
    const { service, runs, recorded } = setup();
    runs.records.account = [rec('a1', '440304'), rec('a2', '310101'), rec('a3', '440300')];
    await service.run('dry', null, true, ctx);
    expect(runs.batches.every((b) => !b.locked)).toBe(true);
    expect(runs.progressRows).toEqual([
      { scanned: 2, moved: 1 },
      { scanned: 1, moved: 1 },
    ]);
    expect(recorded).toEqual([]);
    expect(runs.records.account.map((r) => [r.territoryId, r.version])).toEqual([
      [null, 3],
      [null, 3],
      [null, 3],
    ]);
  });

  it('a failure ends the run as failed, finished batches staying moved', async () => {
    const { service, runs } = setup();
    runs.records.account = [rec('a1', '440304'), rec('a2', '440304'), rec('a3', '440304')];
    runs.failOnBatch = 1;
    await service.run('broken', null, false, ctx);
    expect(runs.finished).toEqual([{ status: 'failed', error: 'realignment stopped; finished batches stay moved, run it again' }]);
    expect(runs.records.account.map((r) => r.territoryId)).toEqual(['T-SZ', 'T-SZ', null]);
  });
});
