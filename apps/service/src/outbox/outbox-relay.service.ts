import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { CrmError, EOMS_TARGET } from '@crm/contracts';
import { EventPublisher, OutboundClient } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { OutboundCredentialStore } from '@crm/security';
import { OutboxEntity } from './outbox.entity.js';

const POLL_MS = 1000;
const BATCH = 50;
/** Rows younger than this belong to the fast path of the process that wrote them. */
const FAST_PATH_GRACE_MS = 5000;
/** A claimed row is someone else's for this long; a crashed relay's rows come back after it. */
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 60_000;
const MARK_EVERY_MS = 25;

/**
 * Sends what committed changes left in the outbox: status events (confirmed publish) and stage /
 * final replies to EOMS (outbound calls, recorded in the call log by OutboundClient).
 *
 * Fast path: the writer hands its rows over right after the commit; they are sent at once (one
 * order's rows in order, different orders concurrently) and marked sent in batches.
 * Safety net: a poller claims unsent rows older than the grace period with
 * `FOR UPDATE SKIP LOCKED` and a lease (so replicas share the work and a crashed process's rows
 * are picked up), and retries failures with exponential backoff. Either way a message may be sent
 * twice, never lost: events carry a stable `eventId`, EOMS calls a stable `requestId`.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private polling: Promise<void> | null = null;
  private stopped = false;
  private lastCredentialWarning = 0;
  /** Per order: the tail of its send chain, so its rows leave in order. */
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Orders with a failed row: their later rows wait for the poller, which keeps the order. */
  private readonly blockedOrders = new Set<string>();
  private readonly sentIds: string[] = [];
  private markTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(OutboundClient) private readonly outbound: OutboundClient,
    @Inject(OutboundCredentialStore) private readonly credentials: OutboundCredentialStore,
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
  ) {}

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
      const key = orderKey(row);
      if (this.blockedOrders.has(key)) continue; // the poller sends it, in order, after the failed one
      const tail = (this.chains.get(key) ?? Promise.resolve()).then(async () => {
        if (this.blockedOrders.has(key)) return;
        if (await this.send(row)) this.markSent(row.id);
        else this.blockedOrders.add(key);
      });
      this.chains.set(key, tail);
      void tail.finally(() => {
        if (this.chains.get(key) === tail) this.chains.delete(key);
      });
    }
  }

  private poll(): void {
    if (this.stopped || this.polling) return;
    this.polling = this.drain()
      .catch((error: unknown) => this.log.error({ msg: 'outbox pass failed', err: (error as Error).message }))
      .finally(() => (this.polling = null));
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return;
      const failed = new Set<string>();
      for (const row of rows) {
        const key = orderKey(row);
        if (failed.has(key)) {
          await this.release(row);
          continue;
        }
        if (await this.send(row)) {
          await this.dataSource.getRepository(OutboxEntity).update({ id: row.id }, { sentAt: new Date(), attempts: row.attempts + 1, lastError: null });
        } else failed.add(key);
      }
      // Orders whose backlog is clear may use the fast path again.
      for (const row of rows) if (!failed.has(orderKey(row))) this.blockedOrders.delete(orderKey(row));
      if (rows.length < BATCH || this.stopped) return;
    }
  }

  private async claim(): Promise<OutboxEntity[]> {
    return this.dataSource.transaction(async (m) => {
      const now = Date.now();
      const ids: Array<{ id: string }> = await m.query(
        `SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? AND created_at <= ? ORDER BY created_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [new Date(now), new Date(now - FAST_PATH_GRACE_MS)],
      );
      if (ids.length === 0) return [];
      const list = ids.map((r) => r.id);
      await m.getRepository(OutboxEntity).update({ id: In(list) }, { nextAttemptAt: new Date(now + LEASE_MS) });
      const rows = await m.getRepository(OutboxEntity).findBy({ id: In(list) });
      return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    });
  }

  /** Sends one row; on failure records the attempt and backoff and returns false. */
  private async send(row: OutboxEntity): Promise<boolean> {
    try {
      if (row.kind === 'event') {
        await this.events.publish(row.pattern, row.payload, { eventId: row.id, caller: row.caller });
      } else {
        await this.outbound.call({
          callee: EOMS_TARGET,
          queue: this.config.eomsQueue,
          pattern: row.pattern,
          payload: row.payload,
          credentials: await this.credentials.get(EOMS_TARGET),
          requestId: row.id,
          attempt: row.attempts + 1,
        });
      }
      return true;
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 10));
      const message = error instanceof CrmError ? `${error.code} ${error.message}` : String((error as Error)?.message ?? error);
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

  private async release(row: OutboxEntity): Promise<void> {
    await this.dataSource.getRepository(OutboxEntity).update({ id: row.id }, { nextAttemptAt: new Date() });
  }
}

function orderKey(row: OutboxEntity): string {
  return String(row.payload.orderNo ?? row.id);
}
