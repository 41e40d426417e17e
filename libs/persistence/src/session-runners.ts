import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

/**
 * A runner unused this long is closed rather than reused: the server may have dropped it
 * (`wait_timeout`), and an idle app should not keep connections out of the pool for nothing.
 */
export const SESSION_RUNNER_IDLE_MS = 60_000;

interface Held {
  runner: QueryRunner;
  lastUsed: number;
}

/**
 * Transactions at one isolation level on connections kept for them, whose session is set to that
 * level once. TypeORM's `transaction(level, …)` sends `SET TRANSACTION ISOLATION LEVEL` before every
 * `START TRANSACTION`: one more round trip on each transaction of a hot path (a capture batch).
 *
 * A kept connection never goes back to the shared pool with its session level changed: it is
 * closed instead (on a failed rollback, after `SESSION_RUNNER_IDLE_MS` unused, and at `close()`).
 * Each runner in use serves one transaction at a time, so at most as many are held as
 * transactions run at once through this object.
 */
export class SessionRunners {
  private readonly idle: Held[] = [];
  private closed = false;
  private readonly keeps: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly isolation: IsolationLevel,
  ) {
    this.keeps = keepsSessions(dataSource);
  }

  /** `work` in one transaction at the level, committed; rolled back if it throws. */
  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.keeps) return this.dataSource.transaction(this.isolation, work);
    const held = await this.take();
    let reusable = true;
    // What the transaction's hooks and caches keep on the runner (`data`: the outbox's rows to send
    // after the commit, `TableStamps`) is the transaction's own, as on a runner made for it.
    held.runner.data = {};
    try {
      await held.runner.startTransaction(); // the session's level: no SET TRANSACTION
      const result = await work(held.runner.manager);
      await held.runner.commitTransaction();
      return result;
    } catch (error) {
      if (held.runner.isTransactionActive) {
        try {
          await held.runner.rollbackTransaction();
        } catch {
          reusable = false; // the connection is gone or in an unknown state
        }
      }
      throw error;
    } finally {
      held.lastUsed = Date.now();
      if (reusable && !this.closed) this.idle.push(held);
      else discard(held.runner);
    }
  }

  /** Closes the idle runners; those in use are closed when their transaction ends. */
  close(): void {
    this.closed = true;
    for (const held of this.idle.splice(0)) discard(held.runner);
  }

  private async take(): Promise<Held> {
    const now = Date.now();
    for (let held = this.idle.pop(); held; held = this.idle.pop()) {
      if (now - held.lastUsed < SESSION_RUNNER_IDLE_MS && connected(held.runner)) return held;
      discard(held.runner);
    }
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query(`SET SESSION TRANSACTION ISOLATION LEVEL ${this.isolation}`);
    } catch (error) {
      discard(runner);
      throw error;
    }
    return { runner, lastUsed: now };
  }
}

/**
 * MySQL/MariaDB only (`SET SESSION TRANSACTION`), and not when the data source has a default level
 * of its own: TypeORM then sends that before every START TRANSACTION, overriding the session's.
 */
function keepsSessions(dataSource: DataSource): boolean {
  const o = dataSource.options as { type?: string; isolationLevel?: unknown } | undefined;
  return (o?.type === 'mysql' || o?.type === 'mariadb') && !o.isolationLevel;
}

/**
 * False once mysql2 saw the connection end (server restart, KILL, `wait_timeout`): it then takes
 * the connection out of its pool. A connection that dies unnoticed fails its next transaction,
 * which the caller retries (GroupCommit writes the items again, each on a fresh runner).
 */
function connected(runner: QueryRunner): boolean {
  const c = (runner as unknown as { databaseConnection?: { _pool?: unknown; _closing?: boolean } }).databaseConnection;
  return !!c && c._pool !== null && c._closing !== true;
}

/** Closes the runner's connection (it leaves the pool) instead of handing it back with its session level. */
function discard(runner: QueryRunner): void {
  (runner as unknown as { databaseConnection?: { destroy?: () => void } }).databaseConnection?.destroy?.();
  void runner.release().catch(() => undefined);
}
