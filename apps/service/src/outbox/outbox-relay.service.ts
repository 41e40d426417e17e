import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { CrmError, EOMS_TARGET, ErrorCode } from '@crm/contracts';
import { EventPublisher, OutboundClient } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { OutboundCredentialStore } from '@crm/security';
import { SERVICE_CONFIG, type ServiceConfig } from '../service.config.js';
import { OutboxEntity } from './outbox.entity.js';

const POLL_MS = 1000;
const BATCH = 50;
/** Rows younger than this belong to the fast path of the process that wrote them. */
const FAST_PATH_GRACE_MS = 5000;
/** A claimed row is someone else's for this long past the call timeout; a crashed relay's rows come back after it. */
const LEASE_MARGIN_MS = 60_000;
const MAX_BACKOFF_MS = 60_000;
const MARK_EVERY_MS = 25;
/** Sent rows are kept this long for inspection, then deleted (the call log and the events are the record). */
export const OUTBOX_RETENTION_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_BATCH = 5000;
/** EOMS answered and refused for good: retrying cannot help, and the row would hold up its stream. */
const DEFINITIVE_REFUSALS = new Set<number>([ErrorCode.Malformed, ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.ValidationFailed]);

/**
 * Sends what committed changes left in the outbox: status events (confirmed publish) and stage /
 * final replies to EOMS (outbound calls, recorded in the call log by OutboundClient).
 *
 * Rows belong to a stream (`<kind>:<orderNo>`) and leave one after the other, oldest first.
 *
 * Fast path: the writer hands its rows over right after the commit; they are sent at once (a
 * stream's rows in order, different streams concurrently) and events are marked sent in batches.
 * A reply to EOMS first checks that no other row of its stream is pending (it may have been written
 * by another replica, or be waiting for a retry); if one is, the poller sends them in order.
 * Safety net: a poller claims the oldest unsent row of each stream, once older than the grace
 * period, with `FOR UPDATE SKIP LOCKED` and a lease (so replicas share the work and a crashed
 * process's rows are picked up), and retries failures with exponential backoff. Either way a message
 * may be sent twice, never lost: events carry a stable `eventId`, EOMS calls a stable `requestId`.
 * Across replicas, only the replies to EOMS are strictly ordered; events of one order written by
 * different replicas may overtake each other (consumers have `occurredAt` and `status`).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private polling: Promise<void> | null = null;
  private stopped = false;
  private lastCredentialWarning = 0;
  private lastPrune = 0;
  /** Per stream: the tail of its send chain, so its rows leave in order. */
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Streams with a failed or deferred row: their later rows wait for the poller, which keeps the order. */
  private readonly blockedStreams = new Set<string>();
  private readonly leaseMs: number;
  private readonly sentIds: string[] = [];
  private markTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(OutboundClient) private readonly outbound: OutboundClient,
    @Inject(OutboundCredentialStore) private readonly credentials: OutboundCredentialStore,
    @Inject(CRM_CONFIG) config: CrmConfig,
    @Inject(SERVICE_CONFIG) private readonly service: ServiceConfig,
  ) {
    this.leaseMs = config.outboundTimeoutMs + LEASE_MARGIN_MS;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.chains.values()]);
    await this.polling;
    await this.flushMarks();
  }

  /** Fast path, called after the commit that wrote `rows`. */
  enqueue(rows: OutboxEntity[]): void {
    if (this.stopped) return;
    for (const row of rows) {
      const key = row.stream;
      if (this.blockedStreams.has(key)) continue; // the poller sends it, in order, after the failed one
      const tail = (this.chains.get(key) ?? Promise.resolve())
        .then(() => this.sendFast(row))
        .catch((error: unknown) => {
          // The database is unreachable: the poller picks the row up once it is back.
          this.blockedStreams.add(key);
          this.log.warn({ msg: 'outbox fast path failed, left to the poller', id: row.id, err: (error as Error)?.message });
        });
      this.chains.set(key, tail);
      void tail.finally(() => {
        if (this.chains.get(key) === tail) this.chains.delete(key);
      });
    }
  }

  private async sendFast(row: OutboxEntity): Promise<void> {
    if (this.blockedStreams.has(row.stream)) return;
    if (row.kind === 'eoms-call') {
      if (await this.othersPending(row)) {
        this.blockedStreams.add(row.stream);
        return;
      }
      // EOMS may take longer than the grace period to answer: lease the row so no poller sends it too.
      await this.dataSource.getRepository(OutboxEntity).update({ id: row.id }, { nextAttemptAt: new Date(Date.now() + this.leaseMs) });
    }
    if (!(await this.send(row))) this.blockedStreams.add(row.stream);
    else if (row.kind === 'eoms-call') await this.markSentNow(row);
    else this.markSent(row.id);
  }

  private poll(): void {
    if (this.stopped || this.polling) return;
    this.polling = this.drain()
      .then(async () => {
        if (Date.now() - this.lastPrune >= PRUNE_EVERY_MS) await this.prune();
      })
      .catch((error: unknown) => this.log.error({ msg: 'outbox pass failed', err: (error as Error).message }))
      .finally(() => (this.polling = null));
  }

  private async drain(): Promise<void> {
    // Each claim holds at most one row per stream (its oldest unsent), so a batch goes out concurrently.
    while (!this.stopped) {
      const rows = await this.claim();
      if (rows.length === 0) break;
      await Promise.all(rows.map(async (row) => (await this.send(row)) && this.markSentNow(row)));
    }
    await this.unblockDrainedStreams();
  }

  /** Deletes rows sent before the retention period, a bounded batch at a time; returns how many. */
  async prune(now = Date.now()): Promise<number> {
    this.lastPrune = now;
    let deleted = 0;
    for (;;) {
      const r: { affectedRows?: number } = await this.dataSource.query(`DELETE FROM outbox WHERE sent_at < ? LIMIT ${PRUNE_BATCH}`, [new Date(now - OUTBOX_RETENTION_MS)]);
      deleted += r.affectedRows ?? 0;
      if ((r.affectedRows ?? 0) < PRUNE_BATCH || this.stopped) return deleted;
    }
  }

  /** Head-of-stream claim: a row is due only when no older row of its stream is still unsent. */
  private async claim(): Promise<OutboxEntity[]> {
    return this.dataSource.transaction(async (m) => {
      const now = Date.now();
      const ids: Array<{ id: string }> = await m.query(
        `SELECT o.id FROM outbox o
          WHERE o.sent_at IS NULL AND o.next_attempt_at <= ? AND o.created_at <= ?
            AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.stream = o.stream AND p.seq < o.seq AND p.sent_at IS NULL)
          ORDER BY o.seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [new Date(now), new Date(now - FAST_PATH_GRACE_MS)],
      );
      if (ids.length === 0) return [];
      const list = ids.map((r) => r.id);
      await m.getRepository(OutboxEntity).update({ id: In(list) }, { nextAttemptAt: new Date(now + this.leaseMs) });
      return m.getRepository(OutboxEntity).findBy({ id: In(list) });
    });
  }

  /** Another unsent row in the stream (older, or written meanwhile by another replica): let the poller order them. */
  private async othersPending(row: OutboxEntity): Promise<boolean> {
    const found: unknown[] = await this.dataSource.query('SELECT 1 FROM outbox WHERE stream = ? AND id <> ? AND sent_at IS NULL LIMIT 1', [row.stream, row.id]);
    return found.length > 0;
  }

  /** Streams blocked on the fast path use it again once the poller has sent all their rows. */
  private async unblockDrainedStreams(): Promise<void> {
    if (this.blockedStreams.size === 0) return;
    const streams = [...this.blockedStreams];
    const pending: Array<{ stream: string }> = await this.dataSource.query('SELECT DISTINCT stream FROM outbox WHERE stream IN (?) AND sent_at IS NULL', [streams]);
    const still = new Set(pending.map((r) => r.stream));
    for (const s of streams) if (!still.has(s)) this.blockedStreams.delete(s);
  }

  /** Sends one row; on failure records the attempt and backoff and returns false. */
  private async send(row: OutboxEntity): Promise<boolean> {
    try {
      if (row.kind === 'event') {
        const employeeId = typeof row.payload.employeeId === 'string' ? row.payload.employeeId : null;
        await this.events.publish(row.pattern, row.payload, { eventId: row.id, occurredAt: row.createdAt, caller: row.caller, employeeId });
      } else {
        await this.outbound.call({
          callee: EOMS_TARGET,
          queue: this.service.eomsQueue,
          pattern: row.pattern,
          payload: row.payload,
          credentials: await this.credentials.get(EOMS_TARGET),
          requestId: row.id,
          attempt: row.attempts + 1,
        });
      }
      row.lastError = null;
      return true;
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 10));
      const message = error instanceof CrmError ? `${error.code} ${error.message}` : String((error as Error)?.message ?? error);
      if (row.kind === 'eoms-call' && error instanceof CrmError && DEFINITIVE_REFUSALS.has(error.code)) {
        // Delivered and answered: done, with EOMS's refusal kept in last_error (and in the call log).
        row.lastError = message.slice(0, 500);
        this.log.error({ msg: 'EOMS refused a reply; it will not be retried', id: row.id, pattern: row.pattern, orderNo: row.payload.orderNo, err: message });
        return true;
      }
      row.attempts = attempts;
      await this.dataSource
        .getRepository(OutboxEntity)
        .update({ id: row.id }, { attempts, nextAttemptAt: new Date(Date.now() + delay), lastError: message.slice(0, 500) })
        .catch(() => undefined);
      if (message.includes('no outbound credentials')) {
        if (Date.now() - this.lastCredentialWarning > 60_000) {
          this.lastCredentialWarning = Date.now();
          this.log.warn({ msg: 'replies to EOMS are waiting: set them up with `npm run cli -- credential set service eoms --caller <name> --password-stdin`' });
        }
      } else {
        this.log.warn({ msg: 'outbox send failed, will retry', id: row.id, pattern: row.pattern, attempts, retryInMs: delay, err: message });
      }
      return false;
    }
  }

  /** Sent marks are batched: one UPDATE for many rows instead of a commit (and fsync) per message. */
  private markSent(id: string): void {
    this.sentIds.push(id);
    this.markTimer ??= setTimeout(() => void this.flushMarks(), MARK_EVERY_MS);
  }

  /** Immediate mark, for the poller and for replies to EOMS (rare, and their stream order depends on it). */
  private async markSentNow(row: OutboxEntity): Promise<void> {
    await this.dataSource.getRepository(OutboxEntity).update({ id: row.id }, { sentAt: new Date(), attempts: row.attempts + 1, lastError: row.lastError });
  }

  private async flushMarks(): Promise<void> {
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = null;
    const ids = this.sentIds.splice(0);
    if (ids.length === 0) return;
    try {
      await this.dataSource.getRepository(OutboxEntity).update({ id: In(ids) }, { sentAt: new Date() });
    } catch (error) {
      // Unmarked rows are re-sent by the poller: a duplicate with the same id, never a loss.
      this.log.warn({ msg: 'could not mark outbox rows sent', count: ids.length, err: (error as Error).message });
    }
  }
}
