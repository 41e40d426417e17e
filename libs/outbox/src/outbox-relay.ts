import { Logger } from '@nestjs/common';
import { In, type DataSource, type EntitySubscriberInterface, type TransactionCommitEvent } from 'typeorm';
import type { EventPublisher } from '@crm/messaging';
import { retryOnDeadlock } from '@crm/persistence';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { OUTBOX_PENDING } from './outbox-writer.js';

export interface OutboxRelayOptions {
  /** Safety-net poll interval (rows left by a failed publish, a crashed replica, or another process). */
  pollMs?: number;
  /** Rows claimed per round trip. */
  batch?: number;
  /** A claimed row belongs to its relay this long; a crashed relay's rows come back after it. */
  leaseMs?: number;
  maxBackoffMs?: number;
}

const DEFAULTS: Required<OutboxRelayOptions> = { pollMs: 1000, batch: 100, leaseMs: 60_000, maxBackoffMs: 60_000 };

/**
 * Publishes what committed transactions left in `outbox_message`, through the confirmed
 * `EventPublisher`, and deletes each row once the broker has confirmed it.
 *
 * Immediate: a commit hook (TypeORM `afterTransactionCommit`) kicks a drain right after any
 * transaction that used `OutboxWriter`. Safety net: a poller drains every `pollMs`. Both claim rows
 * with `SELECT … FOR UPDATE SKIP LOCKED` and put a lease on them, so replicas (and the admin CLI)
 * share the work without sending a row twice at the same time; a failed publish is retried with
 * exponential backoff. A row may still be published twice (a crash between confirm and delete),
 * never lost: consumers dedupe on the event id, which is the row id.
 */
export class OutboxRelay {
  private readonly log = new Logger('OutboxRelay');
  private readonly o: Required<OutboxRelayOptions>;
  private timer?: NodeJS.Timeout;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly subscriber: EntitySubscriberInterface;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: Pick<EventPublisher, 'publish'>,
    options: OutboxRelayOptions = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
    this.subscriber = {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        if (event.queryRunner.data?.[OUTBOX_PENDING]) {
          delete event.queryRunner.data[OUTBOX_PENDING];
          this.kick();
        }
      },
    };
  }

  /** Hooks into commits and starts the poller. */
  start(): void {
    this.stopped = false;
    if (!this.dataSource.subscribers.includes(this.subscriber)) this.dataSource.subscribers.push(this.subscriber);
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const i = this.dataSource.subscribers.indexOf(this.subscriber);
    if (i >= 0) this.dataSource.subscribers.splice(i, 1);
    await this.draining;
  }

  /** Drain soon; coalesces concurrent kicks into one running drain plus at most one more. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.log.warn({ msg: 'outbox drain failed, the poller retries', err: (error as Error)?.message }))
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends everything due now; returns how many rows were published. Also for one-shot processes (CLI). */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return sent;
      const ok: string[] = [];
      for (const row of rows) {
        if (await this.send(row)) ok.push(row.id);
      }
      // Competing relays' claims can make InnoDB pick this delete as a deadlock victim: run it again
      // rather than leave sent rows to be re-sent when their lease ends.
      if (ok.length) await retryOnDeadlock(() => this.dataSource.getRepository(OutboxMessageEntity).delete({ id: In(ok) }));
      sent += ok.length;
      // A failed row is already pushed into the future, so the loop ends when only failures remain.
      if (rows.length < this.o.batch && ok.length === rows.length) return sent;
      if (this.stopped) return sent;
    }
  }

  private async claim(): Promise<OutboxMessageEntity[]> {
    return retryOnDeadlock(() => this.claimOnce());
  }

  private async claimOnce(): Promise<OutboxMessageEntity[]> {
    return this.dataSource.transaction(async (m) => {
      const now = Date.now();
      const ids: Array<{ id: string }> = await m.query(
        `SELECT id FROM outbox_message WHERE next_attempt_at <= ? ORDER BY seq LIMIT ${Number(this.o.batch)} FOR UPDATE SKIP LOCKED`,
        [new Date(now)],
      );
      if (ids.length === 0) return [];
      const list = ids.map((r) => r.id);
      await m.getRepository(OutboxMessageEntity).update({ id: In(list) }, { nextAttemptAt: new Date(now + this.o.leaseMs) });
      const rows = await m.getRepository(OutboxMessageEntity).findBy({ id: In(list) });
      return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
    });
  }

  private async send(row: OutboxMessageEntity): Promise<boolean> {
    try {
      await this.events.publish(row.pattern, row.data, { eventId: row.id, occurredAt: row.createdAt, caller: row.meta?.caller ?? null, employeeId: row.meta?.employeeId ?? null });
      return true;
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = Math.min(this.o.maxBackoffMs, 250 * 2 ** Math.min(attempts, 12));
      const message = String((error as Error)?.message ?? error).slice(0, 500);
      this.log.warn({ msg: 'outbox publish failed, will retry', id: row.id, pattern: row.pattern, attempts, retryInMs: delay, err: message });
      await this.dataSource
        .getRepository(OutboxMessageEntity)
        .update({ id: row.id }, { attempts, nextAttemptAt: new Date(Date.now() + delay), lastError: message })
        .catch(() => undefined);
      return false;
    }
  }
}
