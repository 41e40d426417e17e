import { AsyncLocalStorage } from 'node:async_hooks';
import {
  EventSubscriber,
  type AfterQueryEvent,
  type BeforeQueryEvent,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
  type TransactionStartEvent,
} from 'typeorm';
import { CrmError, ErrorCode } from '@crm/contracts';

const current = new AsyncLocalStorage<CallScope>();

const ROLLBACK = /^\s*ROLLBACK\b/i;
const COMMIT = /^\s*COMMIT\b/i;

/** What a statement of a call gets once the call's deadline has passed. */
export class CallDeadlineExceeded extends CrmError {
  constructor() {
    super(ErrorCode.Unavailable, 'the call passed its deadline; nothing more is written for it');
  }
}

/**
 * The database side of one call's deadline (issue 13): the transport runs the handler inside the
 * scope (`run`), and `CallDeadlineSubscriber` sees every statement the handler's async work sends.
 * When the deadline passes (`expire`), no statement of the call may start any more but ROLLBACK, so
 * a late COMMIT fails and its transaction is rolled back by TypeORM: a call answered 5030 never
 * commits afterwards. Transactions idle at that moment are rolled back at once (their locks freed);
 * one whose statement is still running (a lock wait) is rolled back when the statement returns. A
 * COMMIT already sent is waited for, since its outcome decides the answer.
 */
export class CallScope {
  private expired = false;
  /** Transactions the call began and has not ended. */
  private readonly open = new Set<QueryRunner>();
  /** Statements in flight, per query runner. */
  private readonly busy = new Map<QueryRunner, number>();
  private commitsInFlight = 0;
  private committedWhileExpiring = false;
  private readonly commitWaiters: Array<() => void> = [];
  /** Scopes of work this call shares with others (a group commit): they expire with it. */
  private readonly shares = new Set<CallScope>();

  /**
   * The scope of work done for several calls at once (`GroupCommit`'s batch transaction): it
   * expires as soon as one of them does (or already has), so nothing is committed for a call after
   * its deadline; the batch then fails and is written again item by item, each in its own call's
   * scope, so only the late call's item is refused.
   */
  static shared(members: ReadonlyArray<CallScope | undefined>): CallScope {
    const shared = new CallScope();
    for (const m of members) {
      if (!m) continue;
      if (m.expired) shared.expired = true;
      m.shares.add(shared);
    }
    return shared;
  }

  run<T>(work: () => T): T {
    return current.run(this, work);
  }

  get isExpired(): boolean {
    return this.expired;
  }

  /**
   * From now on the call writes nothing. Resolves once no COMMIT of the call is in flight, with
   * whether one that was in flight at the deadline succeeded (the handler's own answer then stands).
   */
  async expire(): Promise<boolean> {
    this.expired = true;
    for (const runner of this.open) if (!this.busy.has(runner)) this.rollback(runner);
    const shared = await Promise.all([...this.shares].map((s) => s.expire()));
    if (this.commitsInFlight > 0) await new Promise<void>((resolve) => this.commitWaiters.push(resolve));
    return this.committedWhileExpiring || shared.some(Boolean);
  }

  /** @internal the subscriber's view */
  beforeStatement(runner: QueryRunner, sql: string): void {
    const commit = COMMIT.test(sql);
    if (this.expired && !ROLLBACK.test(sql)) throw new CallDeadlineExceeded();
    this.busy.set(runner, (this.busy.get(runner) ?? 0) + 1);
    if (commit) this.commitsInFlight++;
  }

  /** @internal */
  afterStatement(runner: QueryRunner, sql: string, success: boolean): void {
    const left = (this.busy.get(runner) ?? 1) - 1;
    if (left > 0) this.busy.set(runner, left);
    else this.busy.delete(runner);
    if (COMMIT.test(sql)) {
      this.commitsInFlight--;
      if (this.expired && success) this.committedWhileExpiring = true;
      if (this.commitsInFlight === 0) for (const resolve of this.commitWaiters.splice(0)) resolve();
    } else if (this.expired && left === 0 && this.open.has(runner) && !ROLLBACK.test(sql)) {
      // The statement that ran past the deadline is back: end its transaction now rather than when
      // (if ever) the handler touches the database again.
      this.rollback(runner);
    }
  }

  /** @internal */
  transactionStarted(runner: QueryRunner): void {
    this.open.add(runner);
  }

  /** @internal */
  transactionEnded(runner: QueryRunner): void {
    if (!runner.isTransactionActive) this.open.delete(runner);
  }

  /**
   * A plain ROLLBACK on the runner, outside the call's scope. TypeORM still thinks the transaction
   * open, so the handler's own end of it (refused COMMIT, then ROLLBACK) and the release of its
   * connection happen as usual; the database holds no lock of it meanwhile.
   */
  private rollback(runner: QueryRunner): void {
    if (runner.isReleased) return;
    this.open.delete(runner);
    void current.exit(() => runner.query('ROLLBACK')).catch(() => undefined);
  }
}

/** The scope of the call whose async work this is, if any. */
export function currentCallScope(): CallScope | undefined {
  return current.getStore();
}

/** Runs `work` outside any call's scope: for background work a call starts and that outlives it (relays, jobs). */
export function outsideCall<T>(work: () => T): T {
  return current.exit(work);
}

/**
 * Registered on every app's DataSource (`dataSourceOptions`): feeds each statement and transaction
 * of a call to its `CallScope`. Outside a call (jobs, consumers, HTTP) it does nothing.
 */
@EventSubscriber()
export class CallDeadlineSubscriber implements EntitySubscriberInterface {
  beforeQuery(event: BeforeQueryEvent): void {
    current.getStore()?.beforeStatement(event.queryRunner, event.query);
  }

  afterQuery(event: AfterQueryEvent): void {
    current.getStore()?.afterStatement(event.queryRunner, event.query, event.success);
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    current.getStore()?.transactionStarted(event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    current.getStore()?.transactionEnded(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    current.getStore()?.transactionEnded(event.queryRunner);
  }
}
