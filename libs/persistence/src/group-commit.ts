import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { CallScope, currentCallScope, outsideCall } from './call-deadline.js';
import { retryOnDeadlock } from './retry.js';
import { SessionRunners } from './session-runners.js';

/** One item's outcome in a batch: its value, or the error that item alone fails with. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export const settledOk = <R>(value: R): Settled<R> => ({ ok: true, value });
export const settledError = <R = never>(error: unknown): Settled<R> => ({ ok: false, error });

/**
 * Writes a batch in the open transaction of `m`: one statement per table for the whole batch where
 * it can, and one outcome per item, in order. An item that fails on its own (a conflict, a rule)
 * is reported as an error outcome and must leave nothing behind; throwing fails the whole batch.
 */
export type BatchWriter<I, R> = (m: EntityManager, items: readonly I[]) => Promise<Settled<R>[]>;

export interface GroupCommitOptions {
  /** At most this many items share one transaction (bounds the statement sizes and the lock set). */
  maxBatch: number;
  /**
   * How many batches may be written at once (default 1: one after another). More overlaps one
   * batch's round trips with another's; the batches then meet in the database like those of two
   * replicas, so the writer must be correct under that (unique keys, row locks, retried deadlocks).
   */
  inFlight?: number;
  /**
   * The batches' isolation level (default: the connection's). Set once per kept connection
   * (`SessionRunners`), not before every batch: `close()` gives those connections up.
   */
  isolation?: IsolationLevel;
}

interface Waiting<I, R> {
  item: I;
  /** The call that submitted it: its deadline still applies to the item (docs/design.md, Handler deadline). */
  scope: CallScope | undefined;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the items that arrive while a batch is being written wait, and are written together
 * in the next one — one transaction, one commit (one log flush) and, by the writer, one statement
 * per table for all of them. An item that finds nothing in progress is written at once, alone: no
 * linger, so a lone call never waits for company.
 *
 * Each item keeps the semantics it would have alone:
 * - its promise settles only after its batch committed (or with its own error);
 * - a deadlock or lock-wait timeout runs the whole batch again (nothing of it was kept);
 * - any other error of the batch as a whole (a value the database refuses, a lost connection, a
 *   unique key another replica took meanwhile) is isolated by writing the items again one at a
 *   time, so it fails only the item(s) it belongs to.
 */
export class GroupCommit<I, R> {
  private readonly waiting: Waiting<I, R>[] = [];
  /** Batches being written now (at most `inFlight`). */
  private writing = 0;
  private readonly inFlight: number;
  /** Connections kept at `isolation` (null: the data source's own transactions). */
  private readonly sessions: SessionRunners | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly write: BatchWriter<I, R>,
    private readonly options: GroupCommitOptions,
  ) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) throw new Error('GroupCommit maxBatch must be a positive integer');
    this.inFlight = options.inFlight ?? 1;
    if (!Number.isInteger(this.inFlight) || this.inFlight < 1) throw new Error('GroupCommit inFlight must be a positive integer');
    this.sessions = options.isolation ? new SessionRunners(dataSource, options.isolation) : null;
  }

  /** Gives up the connections kept for `isolation` (at the app's shutdown, after its last call). */
  close(): void {
    this.sessions?.close();
  }

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, scope: currentCallScope(), resolve, reject });
      // The drain writes other calls' items too: it is nobody's call (each batch gets the scopes of its items).
      if (this.writing < this.inFlight) void outsideCall(() => this.drain());
    });
  }

  /** One writer: takes what waits (up to maxBatch) batch after batch until nothing waits. */
  private async drain(): Promise<void> {
    this.writing++;
    try {
      while (this.waiting.length) await this.writeBatch(this.waiting.splice(0, this.options.maxBatch));
    } finally {
      this.writing--;
    }
  }

  private async writeBatch(batch: Waiting<I, R>[]): Promise<void> {
    let outcomes: Settled<R>[];
    try {
      // Expires with any of its calls: a late call's item makes the batch fail, and the items are then written one by one.
      const scope = CallScope.shared(batch.map((w) => w.scope));
      outcomes = await scope.run(() =>
        retryOnDeadlock(() =>
          this.transaction((m) =>
            this.write(
              m,
              batch.map((w) => w.item),
            ),
          ),
        ),
      );
      if (outcomes.length !== batch.length) throw new Error(`batch writer returned ${outcomes.length} outcomes for ${batch.length} items`);
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const one of batch) await this.writeBatch([one]);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }

  private transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.sessions ? this.sessions.transaction(work) : this.dataSource.transaction(work);
  }
}
