import { In, MoreThan, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { retryOnDeadlock } from '@crm/persistence';
import { CallerLockoutEntity } from './caller-lockout.entity.js';
import { afterFailure, expiresAt, isLive, type LockoutPolicy, type LockoutState } from './caller-lockout.js';

/** Rows deleted per purge statement, so a purge never holds many locks at once. */
const PURGE_BATCH = 1000;

/** SQL of `caller_lockout`: the failure count and lock of each (caller name, source) pair. */
export class CallerLockoutRepository {
  private readonly rows: Repository<CallerLockoutEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: LockoutPolicy,
  ) {
    this.rows = dataSource.getRepository(CallerLockoutEntity);
  }

  async find(name: string, source: string): Promise<LockoutState | null> {
    return this.rows.findOneBy({ name, source });
  }

  /**
   * Adds one failure to the pair under a row lock (replicas count together) and returns the state
   * before and after. `also` runs in the same transaction (the operation-log entry of a lock).
   */
  recordFailure(
    name: string,
    source: string,
    now: Date,
    lockable: boolean,
    also: (m: EntityManager, before: LockoutState | null, after: LockoutState) => Promise<void>,
  ): Promise<{ before: LockoutState | null; after: LockoutState }> {
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        // Creates the row if missing (failures 0 = "no failure yet"), so the locking read below always finds one.
        await m.query(
          'INSERT INTO caller_lockout (name, source, failures, window_started_at, locked_until, expires_at) VALUES (?, ?, 0, ?, NULL, ?) ON DUPLICATE KEY UPDATE failures = failures',
          [name, source, now, now],
        );
        const row = await m
          .getRepository(CallerLockoutEntity)
          .findOneOrFail({ where: { name, source }, lock: { mode: 'pessimistic_write' } });
        const before = row.failures > 0 && isLive(row, now, this.policy) ? toState(row) : null;
        const after = afterFailure(before, now, this.policy, lockable);
        await m
          .getRepository(CallerLockoutEntity)
          .update({ name: row.name, source: row.source }, { ...after, expiresAt: expiresAt(after, this.policy) });
        await also(m, before, after);
        return { before, after };
      }),
    );
  }

  /** A success: the pair starts from zero. */
  async reset(name: string, source: string): Promise<void> {
    await this.rows.delete({ name, source });
  }

  /** `caller unlock`: every pair of the name, returning the sources that were locked. */
  async clear(m: EntityManager, name: string, now: Date): Promise<string[]> {
    const rows = await m.getRepository(CallerLockoutEntity).find({ where: { name }, lock: { mode: 'pessimistic_write' } });
    await m.getRepository(CallerLockoutEntity).delete({ name });
    return rows.filter((r) => r.lockedUntil && r.lockedUntil > now).map((r) => r.source);
  }

  /** Pairs of these names that still count (for `caller list`). */
  async liveOf(names: string[], now: Date): Promise<CallerLockoutEntity[]> {
    if (names.length === 0) return [];
    return this.rows.find({
      where: { name: In(names), failures: MoreThan(0), expiresAt: MoreThan(now) },
      order: { name: 'ASC', source: 'ASC' },
    });
  }

  /** Deletes rows whose window and lock are over; returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const res = (await this.dataSource.query('DELETE FROM caller_lockout WHERE expires_at < ? LIMIT ?', [now, PURGE_BATCH])) as {
        affectedRows?: number;
      };
      const n = res.affectedRows ?? 0;
      total += n;
      if (n < PURGE_BATCH) return total;
    }
  }
}

function toState(r: CallerLockoutEntity): LockoutState {
  return { failures: r.failures, windowStartedAt: r.windowStartedAt, lockedUntil: r.lockedUntil };
}
