import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import type { Change, ChangeContext } from '@crm/outbox';
import { BusinessCalendar } from './business-time.js';
import type { CaseSlaRepository } from './case-sla.repository.js';
import { startClock, type ClockState } from './sla-clock-state.js';
import { SLA_BATCH, SLA_SCHEDULER_CALLER, SlaScheduler } from './sla-scheduler.js';

const ALL_DAY = [{ from: '00:00', to: '24:00' }];
const cal24 = new BusinessCalendar({
  timeZone: 'UTC',
  hours: { sun: ALL_DAY, mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY },
});
const T0 = new Date('2026-01-05T00:00:00.000Z');
const after = (ms: number) => new Date(T0.getTime() + ms);

/** A table of clocks with row locks: a clock claimed by an open transaction is skipped by others. */
class FakeClocks implements Pick<CaseSlaRepository, 'claimDue' | 'markFired' | 'caseNos'> {
  rows = new Map<string, ClockState>();
  locked = new Set<string>();
  /** Simulates a row changed by someone else between the claim and the mark. */
  staleOnSave = new Set<string>();
  /** Rows per `markFired` call. */
  marks: number[] = [];
  claimDue(_m: EntityManager, now: Date, limit: number): Promise<ClockState[]> {
    const due = [...this.rows.values()]
      .filter((s) => s.nextDueAt && s.nextDueAt <= now && !this.locked.has(s.caseId))
      .sort((a, b) => a.nextDueAt!.getTime() - b.nextDueAt!.getTime())
      .slice(0, limit);
    for (const s of due) this.locked.add(s.caseId);
    return Promise.resolve(due.map((s) => ({ ...s })));
  }
  /** Like the UPDATE: writes the rows still at their version, answers how many. */
  markFired(_m: EntityManager, states: readonly ClockState[]): Promise<number> {
    this.marks.push(states.length);
    let written = 0;
    for (const s of states) {
      const current = this.rows.get(s.caseId)!;
      if (this.staleOnSave.has(s.caseId) || current.version !== s.version) continue;
      this.rows.set(s.caseId, { ...s, version: s.version + 1 });
      written += 1;
    }
    return Promise.resolve(written);
  }
  caseNos(): Promise<Map<string, string>> {
    return Promise.resolve(new Map([['c2', 'CS-2']]));
  }
}

function setup() {
  const clocks = new FakeClocks();
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  /** Changes per `recordMany` call (one per batch). */
  const batches: number[] = [];
  const dataSource = {
    transaction: async <T>(run: (m: EntityManager) => Promise<T>): Promise<T> => {
      try {
        return await run({} as EntityManager);
      } finally {
        clocks.locked.clear();
      }
    },
  } as unknown as DataSource;
  const recorder = {
    recordMany: (_m: EntityManager | null, context: ChangeContext, changes: readonly Change[]) => {
      batches.push(changes.length);
      for (const change of changes) recorded.push({ context, change });
      return Promise.resolve([] as never);
    },
  };
  const scheduler = new SlaScheduler(dataSource, recorder, clocks, { slaTickMs: 1000 });
  return { clocks, recorded, batches, scheduler };
}

const clock = (caseId: string, caseNo: string | null) =>
  startClock(cal24, {
    caseId,
    caseNo,
    accountId: 'a1',
    priority: 'urgent',
    category: 'complaint',
    status: 'new',
    openedAt: T0,
    resolveBy: null,
    slaPolicyId: 'p1',
    entitlementId: null,
    calendarId: 'cal',
    warningPercent: 80,
    targets: { responseMs: 3000, resolutionMs: 60_000 },
  });

describe('SlaScheduler', () => {
  it('publishes each marker once with the case fields, as the scheduler', async () => {
    const { clocks, recorded, scheduler } = setup();
    clocks.rows.set('c1', clock('c1', 'CS-1'));
    expect(await scheduler.run(after(1000))).toBe(0);
    expect(await scheduler.run(after(2500))).toBe(1);
    expect(await scheduler.run(after(2600))).toBe(0);
    expect(await scheduler.run(after(3200))).toBe(1);
    expect(await scheduler.run(after(3300))).toBe(0);
    expect(recorded.map((r) => r.change.event?.pattern)).toEqual(['service.case.sla-warning.v1', 'service.case.sla-breached.v1']);
    expect(recorded[1]!.context).toMatchObject({ caller: SLA_SCHEDULER_CALLER, employeeId: null });
    expect(recorded[1]!.change.event?.data).toEqual({
      caseId: 'c1',
      caseNo: 'CS-1',
      target: 'response',
      dueAt: after(3000).toISOString(),
      thresholdAt: after(3000).toISOString(),
      priority: 'urgent',
      category: 'complaint',
      accountId: 'a1',
      slaPolicyId: 'p1',
    });
    expect(clocks.rows.get('c1')!.slaState).toBe('breached');
  });

  it('rolls the batch back when its mark finds a row changed (no event without the mark); the next run sends it', async () => {
    const { clocks, recorded, scheduler } = setup();
    clocks.rows.set('c1', clock('c1', 'CS-1'));
    clocks.staleOnSave.add('c1');
    await expect(scheduler.run(after(5000))).rejects.toThrow('0 of 1 clocks marked, the batch is rolled back');
    expect(recorded).toEqual([]);
    clocks.staleOnSave.clear();
    expect(await scheduler.run(after(5000))).toBe(2);
  });

  it('never takes a row another transaction holds, and reads the case number from the case table when missing', async () => {
    const { clocks, recorded, scheduler } = setup();
    clocks.rows.set('c1', clock('c1', 'CS-1'));
    clocks.rows.set('c2', clock('c2', null));
    clocks.locked.add('c1');
    // The fake transaction clears locks when it ends; claim inside it sees c1 held.
    const batch = await (scheduler as unknown as { batch: SlaScheduler['batch'] }).batch({} as EntityManager, after(5000));
    expect(batch).toEqual({ claimed: 1, sent: 2 });
    expect(recorded.every((r) => (r.change.event?.data as { caseId: string }).caseId === 'c2')).toBe(true);
    expect((recorded[0]!.change.event?.data as { caseNo: string }).caseNo).toBe('CS-2');
  });

  it('drains a backlog larger than one batch in one run, one mark and one outbox write per batch', async () => {
    const { clocks, recorded, batches, scheduler } = setup();
    for (let i = 0; i < 2 * SLA_BATCH + 100; i++) clocks.rows.set(`c${i}`, clock(`c${i}`, `CS-${i}`));
    expect(await scheduler.run(after(5000))).toBe(2 * (2 * SLA_BATCH + 100));
    expect(clocks.marks).toEqual([SLA_BATCH, SLA_BATCH, 100]);
    expect(batches).toEqual([2 * SLA_BATCH, 2 * SLA_BATCH, 200]);
    expect(new Set(recorded.map((r) => `${r.change.entityId}:${r.change.action}`)).size).toBe(2 * (2 * SLA_BATCH + 100));
    // Within a case: the warning before the breach.
    expect(recorded.filter((r) => r.change.entityId === 'c7').map((r) => r.change.action)).toEqual(['sla-warning', 'sla-breach']);
    expect(await scheduler.run(after(6000))).toBe(0);
  });

  it('without a fixed time, takes what is due at the moment each batch starts (both targets long past here)', async () => {
    const { clocks, scheduler } = setup();
    clocks.rows.set('c1', clock('c1', 'CS-1'));
    expect(await scheduler.run()).toBe(4);
    expect(clocks.marks).toEqual([1]);
  });
});
