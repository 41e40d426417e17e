import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { CrmError, EOMS_TARGET } from '@crm/contracts';
import { EventPublisher, OutboundClient } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { OutboundCredentialStore } from '@crm/security';
import { OutboxEntity } from './outbox.entity.js';

const POLL_MS = 500;
const BATCH = 50;
/** A claimed row is someone else's for this long; a crashed relay's rows come back after it. */
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 60_000;

/**
 * Sends what committed changes left in the outbox: status events (confirmed publish) and stage /
 * final replies to EOMS (outbound calls, recorded in the call log by OutboundClient). Rows are
 * claimed with `FOR UPDATE SKIP LOCKED` and a lease, so several replicas share the work, and are
 * retried with exponential backoff until they succeed.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastCredentialWarning = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(OutboundClient) private readonly outbound: OutboundClient,
    @Inject(OutboundCredentialStore) private readonly credentials: OutboundCredentialStore,
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Run soon; coalesces bursts of kicks into one pass (plus one more if kicked meanwhile). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.log.error({ msg: 'outbox pass failed', err: (error as Error).message }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return;
      // Keep each order's messages in order: after a failure, its later rows wait for the retry.
      const blocked = new Set<string>();
      for (const row of rows) {
        const orderNo = String(row.payload.orderNo ?? row.id);
        if (blocked.has(orderNo)) {
          await this.release(row);
          continue;
        }
        if (!(await this.send(row))) blocked.add(orderNo);
      }
      if (rows.length < BATCH || this.stopped) return;
    }
  }

  private async claim(): Promise<OutboxEntity[]> {
    return this.dataSource.transaction(async (m) => {
      const ids: Array<{ id: string }> = await m.query(
        `SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [new Date()],
      );
      if (ids.length === 0) return [];
      const list = ids.map((r) => r.id);
      await m.getRepository(OutboxEntity).update({ id: In(list) }, { nextAttemptAt: new Date(Date.now() + LEASE_MS) });
      const rows = await m.getRepository(OutboxEntity).findBy({ id: In(list) });
      return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    });
  }

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
      await this.dataSource.getRepository(OutboxEntity).update({ id: row.id }, { sentAt: new Date(), attempts: row.attempts + 1, lastError: null });
      return true;
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 10));
      const message = error instanceof CrmError ? `${error.code} ${error.message}` : String((error as Error)?.message ?? error);
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

  private async release(row: OutboxEntity): Promise<void> {
    await this.dataSource.getRepository(OutboxEntity).update({ id: row.id }, { nextAttemptAt: new Date() });
  }
}
