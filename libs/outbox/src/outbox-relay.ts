import { Logger } from '@nestjs/common';
import {
  In,
  type DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { CrmError, ErrorCode } from '@crm/contracts';
import type { EventPublisher, OutboundClient } from '@crm/messaging';
import { outsideCall, retryOnDeadlock } from '@crm/persistence';
import type { OutboundCredentialStore } from '@crm/security';
import { extractTraceContext, ROOT_CONTEXT, withTraceContext, type Context } from '@crm/tracing';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { depthOf, OUTBOX_DIRECT, OUTBOX_PENDING, publishDirectly, type DirectRow } from './outbox-writer.js';

export interface OutboxRelayOptions {
  /** Safety-net poll interval (rows left by a failed send, a crashed replica, or another process). */
  pollMs?: number;
  /**
   * Rows claimed per round trip (default 500: a batched writer such as the SLA scheduler commits
   * 1,000+ rows a second, and each claim/delete round trip costs about the same for 100 rows as for 500).
   */
  batch?: number;
  /** A claimed call row belongs to its relay this long plus the call timeout; a crashed relay's calls come back after it (event rows are locked while they are sent instead). */
  leaseMs?: number;
  maxBackoffMs?: number;
  /**
   * Drains that may run at once (default 2; the apps pass OUTBOX_DRAINS, 4 unless set): while one waits for the broker's confirms, another claims
   * and deletes, so the database and the broker work in parallel. They share rows the way replicas
   * do (SKIP LOCKED claims, leases, one row per stream at a time), so order and once-only hold.
   */
  drains?: number;
  /**
   * Publish the stream-less event rows of a committed transaction of this process straight after
   * its commit, from memory, and delete them in one statement (default false; the apps'
   * `OutboxModule` turns it on). The claim path — a transaction of five or six statements that
   * reads every row back — then only carries stream rows, calls and what a publish or a process
   * left behind: the writer leases such rows to this relay for `DIRECT_LEASE_MS`.
   */
  direct?: boolean;
}

/** What the relay needs to send `call` rows: this app's client, its stored credentials, and where each target listens. */
export interface OutboundCalls {
  client: Pick<OutboundClient, 'call'>;
  credentials: Pick<OutboundCredentialStore, 'get'>;
  queueOf(target: string): string;
  /** The client's call timeout: a call row's lease covers it. */
  timeoutMs: number;
}

/** How a call ended: answered, or refused for good (retrying cannot help). Timeouts and other failures are retried. */
export type CallOutcome = { ok: true; reply: unknown } | { ok: false; refusal: CrmError };

export interface OutboxCall {
  id: string;
  target: string;
  pattern: string;
  payload: Record<string, unknown>;
}

/** Runs in the transaction that deletes the answered call's row: its writes commit exactly once per answer. */
export type ReplyHandler = (manager: EntityManager, outcome: CallOutcome, call: OutboxCall) => Promise<void>;

const DEFAULTS: Required<OutboxRelayOptions> = {
  pollMs: 1000,
  batch: 500,
  leaseMs: 60_000,
  maxBackoffMs: 60_000,
  drains: 2,
  direct: false,
};

/** What a publish needs of a row, claimed (`OutboxMessageEntity`) or kept from its INSERT (`DirectRow`). */
type PublishedRow = Pick<OutboxMessageEntity, 'id' | 'pattern' | 'data' | 'meta' | 'createdAt'>;

/** The trace the row was written in (its meta), or none: the send then starts a trace of its own. */
function traceOf(row: PublishedRow): Context {
  return extractTraceContext(row.meta);
}

/** The callee answered and refused for good: retrying cannot help, and the row would hold up its stream. */
const DEFINITIVE_REFUSALS = new Set<number>([ErrorCode.Malformed, ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.ValidationFailed]);

/**
 * Sends what committed transactions left in `outbox_message` and deletes each row once done:
 * events through the confirmed `EventPublisher` (done = the broker confirmed), calls through the
 * `OutboundClient` with this app's decrypted credentials for the target (done = the callee
 * answered, or refused for good; the reply handler then runs in the transaction of the delete).
 *
 * Immediate: a commit hook (TypeORM `afterTransactionCommit`) kicks a drain right after any
 * transaction that wrote to the outbox. Safety net: a poller drains every `pollMs`. Both claim rows
 * with `SELECT … FOR UPDATE SKIP LOCKED`, so replicas (and the admin CLI) share the work without
 * sending a row twice at the same time. An event row is published and deleted in its claim's
 * transaction (the lock is its lease); a call row gets a lease instead, as the callee may take long
 * to answer. Failures are retried with exponential backoff. A row of a stream is claimable only
 * while no older row of its stream exists, so a stream's rows leave one at a time, in order,
 * whichever replica sends them. A row may still be sent twice (a crash between the send and the
 * commit of its delete), never lost: consumers dedupe on the event id / request id, which is the
 * row id.
 */
export class OutboxRelay {
  private readonly log = new Logger('OutboxRelay');
  private readonly o: Required<OutboxRelayOptions>;
  private timer?: NodeJS.Timeout;
  private readonly draining = new Set<Promise<void>>();
  /** Drains between their start and the end of their claim: one of them will see rows committed now. */
  private claiming = 0;
  private again = false;
  private stopped = false;
  private readonly subscriber: EntitySubscriberInterface;
  private readonly replyHandlers = new Map<string, ReplyHandler>();
  /** Calls and direct sends run beside the drain (a slow callee does not hold up events); `stop()` waits for them. */
  private readonly inFlight = new Set<Promise<void>>();
  private lastCredentialWarning = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: Pick<EventPublisher, 'publishStored'>,
    options: OutboxRelayOptions = {},
    private readonly calls: OutboundCalls | null = null,
  ) {
    this.o = { ...DEFAULTS, ...options };
    this.subscriber = {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        const data = event.queryRunner.data;
        // A savepoint's release is a commit event too: the rows go out with the outermost commit.
        if (data?.[OUTBOX_DIRECT] && !event.queryRunner.isTransactionActive) {
          const rows = data[OUTBOX_DIRECT] as DirectRow[];
          delete data[OUTBOX_DIRECT];
          this.sendDirect(rows);
        }
        if (data?.[OUTBOX_PENDING]) {
          delete data[OUTBOX_PENDING];
          this.kick();
        }
      },
      afterTransactionRollback: (event: TransactionRollbackEvent) => {
        const data = event.queryRunner.data;
        const rows = data?.[OUTBOX_DIRECT] as DirectRow[] | undefined;
        if (!rows) return;
        // Rows written inside the rolled-back savepoint (or the whole transaction) never existed.
        const depth = event.queryRunner.isTransactionActive ? depthOf(event.queryRunner) : 0;
        const kept = rows.filter((r) => r.depth <= depth);
        if (kept.length) data[OUTBOX_DIRECT] = kept;
        else delete data[OUTBOX_DIRECT];
      },
    };
  }

  /** Registers what to do with the answer to calls on `pattern` (one handler per pattern). */
  onReply(pattern: string, handler: ReplyHandler): void {
    if (this.replyHandlers.has(pattern)) throw new Error(`a reply handler for ${pattern} is registered already`);
    this.replyHandlers.set(pattern, handler);
  }

  /** Hooks into commits and starts the poller. */
  start(): void {
    this.stopped = false;
    if (!this.dataSource.subscribers.includes(this.subscriber)) this.dataSource.subscribers.push(this.subscriber);
    if (this.o.direct) publishDirectly(this.dataSource, true);
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // Rows written from now on wait for a claim (here after a restart, or on another replica).
    if (this.o.direct) publishDirectly(this.dataSource, false);
    if (this.timer) clearInterval(this.timer);
    const i = this.dataSource.subscribers.indexOf(this.subscriber);
    if (i >= 0) this.dataSource.subscribers.splice(i, 1);
    await Promise.allSettled([...this.draining]);
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Drain soon. Up to `drains` run at once, but a new one starts only while none is before or in its
   * claim: such a drain will see the rows just committed, and a second one would only claim nothing
   * (four empty claims per commit, measured at concurrency 1). A kick that starts none is coalesced
   * into one more drain when a claim ends (or a drain, at the limit). A drain that finds nothing to
   * claim ends at once, so an idle kick is cheap.
   */
  kick(): void {
    if (this.stopped) return;
    if (this.draining.size >= this.o.drains || this.claiming > 0) {
      this.again = true;
      return;
    }
    this.claiming++;
    // Kicked by a call's commit, the drain is not that call's work: its deadline must not stop it, and
    // it is detached from the call's trace (each row is sent in its own trace, `traceOf`).
    const run: Promise<void> = outsideCall(() => withTraceContext(ROOT_CONTEXT, () => this.sendDue(true)))
      .then(() => undefined)
      .catch((error: unknown) => this.log.warn({ msg: 'outbox drain failed, the poller retries', err: (error as Error)?.message }))
      .finally(() => {
        this.draining.delete(run);
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
    this.draining.add(run);
  }

  /**
   * Sends everything due now; returns how many events were published (calls started here finish
   * in the background: `stop()` waits for them). Also for one-shot processes (CLI).
   */
  drain(): Promise<number> {
    return this.sendDue(false);
  }

  /** `drain`; `kicked`: started by `kick`, which counted this drain as claiming already. */
  private async sendDue(kicked: boolean): Promise<number> {
    let sent = 0;
    for (let round = 0; ; round++) {
      const r = await this.round(round === 0 && kicked);
      sent += r.sent.length;
      if (r.claimed === 0 || this.stopped) return sent;
      if (r.claimed < this.o.batch) {
        // A sent stream row makes the next one of its stream due: claim again only if there is one.
        const streams = [...new Set(r.sent.map((row) => row.stream).filter((x): x is string => x !== null))];
        if (!streams.length || !(await this.anyDue(streams))) return sent;
      }
    }
  }

  /**
   * One claim, in one transaction: the due rows are locked (`FOR UPDATE SKIP LOCKED`, so other
   * drains and replicas pass them by), the events among them deleted, then published; the commit
   * follows the broker's confirms. The lock is the events' lease: a relay that dies mid-send rolls
   * back, and its rows are due again at once. The delete comes before the sends because a competing
   * relay's scan can make it a deadlock victim, and a victim's rows are free to be claimed again: so
   * a deadlock must come before anything went out. A send that fails rolls back to the claim, and
   * only the sent rows are deleted; the failed ones are pushed into the future. Calls take longer
   * (the callee's answer), so they get a lease in this transaction and run after it.
   */
  private async round(counted: boolean): Promise<{ claimed: number; sent: OutboxMessageEntity[] }> {
    let claimed: OutboxMessageEntity[] = [];
    const sent: OutboxMessageEntity[] = [];
    const failures: Array<{ row: OutboxMessageEntity; reason: string }> = [];
    if (!counted) this.claiming++;
    let claiming = true;
    const claimEnded = () => {
      if (!claiming) return;
      claiming = false;
      this.claiming--;
      // Rows committed during the claim may have missed it: another drain for them, now that none is claiming.
      if (this.again && this.claiming === 0) {
        this.again = false;
        this.kick();
      }
    };
    try {
      await retryOnDeadlock(() =>
        this.dataSource.transaction('READ COMMITTED', async (m) => {
          // Run again after a send failed and its settling was a deadlock victim: settle only. The
          // claim's call leases were rolled back with it: those calls are left to the next claim.
          if (failures.length) {
            claimed = eventsOf(claimed);
            return this.settle(m, sent, failures);
          }
          claimed = await this.claim(m);
          claimEnded();
          const events = eventsOf(claimed);
          if (!events.length) return;
          await m.query('SAVEPOINT claimed');
          await m.query('DELETE FROM outbox_message WHERE id IN (?)', [events.map((r) => r.id)]);
          // A claim holds at most one row per stream, so its events may go out concurrently.
          await Promise.all(
            events.map(async (row) => {
              const failure = await this.publish(row);
              if (failure === null) sent.push(row);
              else failures.push({ row, reason: failure });
            }),
          );
          if (!failures.length) return;
          // The row locks stay with the transaction, so settling cannot wait on another relay.
          await m.query('ROLLBACK TO SAVEPOINT claimed');
          await this.settle(m, sent, failures);
        }),
      );
    } catch (error) {
      if (!sent.length && !failures.length) throw error;
      claimed = eventsOf(claimed); // the calls' lease did not commit
      // The commit was lost after the sends (a connection drop): the rows are due again and will be
      // sent again (consumers drop the duplicate by its event id).
      this.log.warn({ msg: 'sent outbox rows not deleted, they will be sent again', rows: sent.length, err: (error as Error)?.message });
    } finally {
      claimEnded();
    }
    for (const row of claimed.filter((r) => r.kind === 'call')) this.startCall(row);
    return { claimed: claimed.length, sent };
  }

  /** Deletes the sent rows and pushes the failed ones into the future, in the claim's transaction. */
  private async settle(
    m: EntityManager,
    sent: readonly OutboxMessageEntity[],
    failures: ReadonlyArray<{ row: OutboxMessageEntity; reason: string }>,
  ): Promise<void> {
    if (sent.length) await m.query('DELETE FROM outbox_message WHERE id IN (?)', [sent.map((r) => r.id)]);
    for (const f of failures) await this.recordFailure(m, f.row, f.reason);
  }

  /** Whether a row of these streams is due (read without locks: a hint to claim once more). */
  private async anyDue(streams: readonly string[]): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM outbox_message WHERE stream IN (?) AND next_attempt_at <= ? LIMIT 1',
      [streams, new Date()],
    );
    return rows.length > 0;
  }

  /**
   * Due rows that head their stream (or have none), oldest first, locked in `m`'s transaction;
   * calls only if this relay can send them, leased for the callee's time to answer.
   *
   * READ COMMITTED: the locking scan takes no gap locks, so it never blocks (or deadlocks with) the
   * business transactions inserting new rows behind it. Stream order does not need them: a stream's
   * rows are written one transaction after another, and an older row stays until it is sent.
   */
  private async claim(m: EntityManager): Promise<OutboxMessageEntity[]> {
    const now = Date.now();
    const claim = m
      .getRepository(OutboxMessageEntity)
      .createQueryBuilder('o')
      .where('o.next_attempt_at <= :now', { now: new Date(now) })
      .andWhere('(o.stream IS NULL OR NOT EXISTS (SELECT 1 FROM outbox_message p WHERE p.stream = o.stream AND p.seq < o.seq))')
      .orderBy('o.seq')
      .limit(this.o.batch)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked');
    if (!this.calls) claim.andWhere("o.kind = 'event'");
    const rows = await claim.getMany();
    const calls = rows.filter((r) => r.kind === 'call');
    if (calls.length) {
      const until = new Date(now + this.o.leaseMs + (this.calls?.timeoutMs ?? 0));
      await m.getRepository(OutboxMessageEntity).update({ id: In(calls.map((r) => r.id)) }, { nextAttemptAt: until });
      for (const r of calls) r.nextAttemptAt = until;
    }
    return rows;
  }

  /** Publishes one event row (and waits for the broker's confirm); null once confirmed, else why not. */
  private async publish(row: PublishedRow): Promise<string | null> {
    try {
      await withTraceContext(traceOf(row), () =>
        this.events.publishStored(row.pattern, row.data, {
          eventId: row.id,
          occurredAt: row.createdAt,
          caller: row.meta?.caller ?? null,
          employeeId: row.meta?.employeeId ?? null,
        }),
      );
      return null;
    } catch (error) {
      return String((error as Error)?.message ?? error);
    }
  }

  /**
   * Publishes a committed transaction's leased rows (`direct`), then deletes the sent ones in one
   * statement. A row whose publish failed is made due at once, for the claim path to retry with its
   * attempts and backoff. A row that went out but could not be deleted (the database went away) is
   * claimed when its lease ends and sent again: consumers drop the copy by its event id.
   */
  private sendDirect(rows: readonly DirectRow[]): void {
    const run: Promise<void> = outsideCall(() =>
      withTraceContext(ROOT_CONTEXT, async () => {
        const sent: string[] = [];
        const failed: string[] = [];
        await Promise.all(rows.map(async (row) => ((await this.publish(row)) === null ? sent : failed).push(row.id)));
        if (sent.length) await retryOnDeadlock(() => this.dataSource.query('DELETE FROM outbox_message WHERE id IN (?)', [sent]));
        if (failed.length) {
          await retryOnDeadlock(() =>
            this.dataSource.query('UPDATE outbox_message SET next_attempt_at = ? WHERE id IN (?)', [new Date(), failed]),
          );
          this.kick();
        }
      }),
    )
      .catch((error: unknown) =>
        this.log.warn({
          msg: 'outbox rows published after their commit were not settled; they are claimed when their lease ends',
          rows: rows.length,
          err: (error as Error)?.message,
        }),
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private startCall(row: OutboxMessageEntity): void {
    const run = this.call(row)
      .then((done) => {
        if (done && row.stream) this.kick(); // the next row of its stream is due now
      })
      .catch((error: unknown) =>
        this.log.warn({ msg: 'outbox call failed, the poller retries', id: row.id, err: (error as Error)?.message }),
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Sends one call row; true once it is answered (or refused for good) and deleted. */
  private async call(row: OutboxMessageEntity): Promise<boolean> {
    let outcome: CallOutcome;
    try {
      if (!this.calls || !row.target) throw new Error(`this relay cannot send calls (row for ${row.target ?? 'no target'})`);
      const request = {
        callee: row.target,
        queue: this.calls.queueOf(row.target),
        pattern: row.pattern,
        payload: row.data,
        credentials: await this.calls.credentials.get(row.target),
        requestId: row.id,
        attempt: row.attempts + 1,
      };
      const client = this.calls.client;
      const reply = await withTraceContext(traceOf(row), () => client.call(request));
      outcome = { ok: true, reply };
    } catch (error) {
      if (!(error instanceof CrmError && DEFINITIVE_REFUSALS.has(error.code))) {
        await this.failed(row, error instanceof CrmError ? `${error.code} ${error.message}` : String((error as Error)?.message ?? error));
        return false;
      }
      // Delivered and answered: done, with the refusal in the log (and in the call log) and given to the handler.
      this.log.error({
        msg: 'a call was refused for good; it will not be retried',
        id: row.id,
        target: row.target,
        pattern: row.pattern,
        err: `${error.code} ${error.message}`,
      });
      outcome = { ok: false, refusal: error };
    }
    const handler = this.replyHandlers.get(row.pattern);
    try {
      await retryOnDeadlock(() =>
        this.dataSource.transaction(async (m) => {
          if (handler) await handler(m, outcome, { id: row.id, target: row.target!, pattern: row.pattern, payload: row.data });
          await m.query('DELETE FROM outbox_message WHERE id = ?', [row.id]);
        }),
      );
      return true;
    } catch (error) {
      // The answer is not applied: ask again later (same requestId, so the callee can drop the duplicate).
      await this.failed(row, `reply handler failed: ${String((error as Error)?.message ?? error)}`);
      return false;
    }
  }

  /** Records a failed attempt of a call (its own transaction: the call ran after its claim's). */
  private async failed(row: OutboxMessageEntity, reason: string): Promise<void> {
    await retryOnDeadlock(() => this.recordFailure(this.dataSource.manager, row, reason)).catch(() => undefined);
  }

  /** Records a failed attempt and pushes the row into the future (exponential backoff). */
  private async recordFailure(m: EntityManager, row: OutboxMessageEntity, reason: string): Promise<void> {
    const attempts = row.attempts + 1;
    const delay = Math.min(this.o.maxBackoffMs, 250 * 2 ** Math.min(attempts, 12));
    const message = reason.slice(0, 500);
    if (message.includes('no outbound credentials')) {
      if (Date.now() - this.lastCredentialWarning > 60_000) {
        this.lastCredentialWarning = Date.now();
        this.log.warn({
          msg: `calls to ${row.target} are waiting for this app's credentials: set them with \`npm run -s cli -- credential set <app> ${row.target} --caller <name> --password-stdin\``,
        });
      }
    } else {
      this.log.warn({
        msg: 'outbox send failed, will retry',
        id: row.id,
        kind: row.kind,
        pattern: row.pattern,
        attempts,
        retryInMs: delay,
        err: message,
      });
    }
    await m
      .getRepository(OutboxMessageEntity)
      .update({ id: row.id }, { attempts, nextAttemptAt: new Date(Date.now() + delay), lastError: message });
  }
}

/** The event rows of a claim (its calls run after the claim's transaction, under their lease). */
function eventsOf(rows: readonly OutboxMessageEntity[]): OutboxMessageEntity[] {
  return rows.filter((row) => row.kind !== 'call');
}
