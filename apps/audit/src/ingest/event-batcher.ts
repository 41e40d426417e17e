import { Logger } from '@nestjs/common';
import type { Channel, ConsumeMessage, MessageProperties } from 'amqplib';
import type { ForgedEventSummary } from './event-authenticity.js';

export type AckChannel = Pick<Channel, 'ack' | 'nack'>;

export interface BatcherOptions {
  /** Flush as soon as this many events wait. */
  batchSize: number;
  /** Upper bound of one INSERT (the channel's prefetch bounds what can be waiting anyway). */
  maxBatch: number;
  /** Flush at the latest this long after the first waiting event arrived. */
  flushIntervalMs: number;
  retryMinMs: number;
  retryMaxMs: number;
}

export const DEFAULT_BATCHER_OPTIONS: BatcherOptions = {
  batchSize: 500,
  maxBatch: 1000,
  flushIntervalMs: 20,
  retryMinMs: 100,
  retryMaxMs: 5000,
};

/** What the batcher reports, for metrics and logs. */
export interface IngestObserver {
  flushed(stored: number, duplicates: number, seconds: number, oldestAt: Date): void;
  rejected(reason: string): void;
  /** A message refused as not published by one of the CRM's apps (also dead-lettered). */
  forged(summary: ForgedEventSummary): void;
  flushFailed(error: unknown, attempt: number, retryInMs: number | null): void;
  waiting(count: number): void;
}

/** Where a batch goes: one idempotent statement; returns how many events were new. */
export interface EventStore<E> {
  insertIgnore(events: readonly E[]): Promise<number>;
}

/** Reads (and authenticates) one delivery; never throws. */
export type MessageParser<E> = (
  content: Buffer,
  properties: MessageProperties,
) => { ok: true; event: E } | { ok: false; reason: string; forged?: ForgedEventSummary };

interface Waiting<E> {
  channel: AckChannel;
  message: ConsumeMessage;
  event: E;
}

/**
 * Turns the deliveries of one consumer channel into batched, idempotent inserts, keeping SPEC
 * §4.1's promise (the call log and the operation log alike): a message is acknowledged only after its row is committed, and a failed insert
 * leaves every message of the batch unacknowledged and retries it with backoff (never a
 * nack-requeue loop; the channel's prefetch stops deliveries while the database is away).
 *
 * Invariant that makes `ack(last, allUpTo = true)` safe: deliveries wait in arrival order, at most
 * one flush runs, a flush takes the oldest waiting messages, and a failed batch goes back to the
 * front. So when a batch commits, every older delivery of its channel is already settled.
 */
export class EventBatcher<E extends { at: Date }> {
  private readonly log: Logger;
  private readonly options: BatcherOptions;
  private waitingList: Waiting<E>[] = [];
  private current: AckChannel | null = null;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly store: EventStore<E>,
    private readonly observer: IngestObserver,
    private readonly parse: MessageParser<E>,
    options: Partial<BatcherOptions> = {},
    /** What the events are, for log lines ('call event', 'operation event'). */
    private readonly kind = 'event',
    loggerName = 'EventBatcher',
  ) {
    this.options = { ...DEFAULT_BATCHER_OPTIONS, ...options };
    this.log = new Logger(loggerName);
  }

  get waitingCount(): number {
    return this.waitingList.length;
  }

  /**
   * A (re)opened channel replaces the previous one. Deliveries of a closed channel cannot be
   * acknowledged any more; the broker redelivers them and the unique id keeps their rows single.
   */
  useChannel(channel: AckChannel): void {
    this.current = channel;
    this.waitingList = this.waitingList.filter((w) => w.channel === channel);
    this.observer.waiting(this.waitingList.length);
  }

  /** Consumer callback: never throws, whatever the message holds. */
  accept(channel: AckChannel, message: ConsumeMessage): void {
    const parsed = this.parse(message.content, message.properties);
    if (!parsed.ok) {
      if (parsed.forged) {
        this.log.warn({ msg: `${this.kind} not from a CRM app, refused and dead-lettered`, ...parsed.forged });
        this.observer.forged(parsed.forged);
      } else {
        this.log.warn({
          msg: `${this.kind} refused, dead-lettered`,
          reason: parsed.reason,
          deliveryTag: message.fields.deliveryTag,
          bytes: message.content.length,
        });
        this.observer.rejected(parsed.reason);
      }
      try {
        channel.nack(message, false, false);
      } catch (error) {
        this.log.warn({ msg: 'nack failed; the broker will redeliver the message', err: (error as Error).message });
      }
      return;
    }
    this.current ??= channel;
    this.waitingList.push({ channel, message, event: parsed.event });
    this.observer.waiting(this.waitingList.length);
    this.schedule();
  }

  /** Flushes what waits now (or joins the flush under way). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.waitingList.length === 0) return Promise.resolve();
    this.flushing = this.runFlush().finally(() => {
      this.flushing = null;
      this.schedule();
    });
    return this.flushing;
  }

  /**
   * Last flush before the channel closes. Whatever cannot be stored now stays unacknowledged and
   * is redelivered to the next consumer when the channel closes.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.flushing) await this.flushing;
    if (this.waitingList.length > 0) await this.flushOnce();
  }

  private schedule(): void {
    if (this.stopped || this.flushing || this.retryTimer || this.waitingList.length === 0) return;
    if (this.waitingList.length >= this.options.batchSize) {
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.flushIntervalMs);
  }

  private async flushOnce(): Promise<void> {
    this.flushing = this.runFlush();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async runFlush(): Promise<void> {
    const batch = this.waitingList.splice(0, this.options.maxBatch).filter((w) => w.channel === this.current);
    if (batch.length === 0) return;
    const started = performance.now();
    let stored: number;
    try {
      stored = await this.store.insertIgnore(batch.map((w) => w.event));
    } catch (error) {
      // Back to the front, still unacknowledged; only deliveries of the live channel are worth keeping.
      this.waitingList = [...batch.filter((w) => w.channel === this.current), ...this.waitingList];
      this.failures += 1;
      const delay = this.stopped ? null : Math.min(this.options.retryMaxMs, this.options.retryMinMs * 2 ** (this.failures - 1));
      this.observer.flushFailed(error, this.failures, delay);
      this.observer.waiting(this.waitingList.length);
      if (delay !== null) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.flush();
        }, delay);
      }
      return;
    }
    this.failures = 0;
    this.acknowledge(batch);
    let oldest = batch[0].event.at;
    for (const w of batch) if (w.event.at < oldest) oldest = w.event.at;
    this.observer.flushed(stored, batch.length - stored, (performance.now() - started) / 1000, oldest);
    this.observer.waiting(this.waitingList.length);
  }

  private acknowledge(batch: Waiting<E>[]): void {
    const lastPerChannel = new Map<AckChannel, ConsumeMessage>();
    for (const w of batch) lastPerChannel.set(w.channel, w.message);
    for (const [channel, last] of lastPerChannel) {
      try {
        channel.ack(last, true);
      } catch (error) {
        // Channel closed after the commit: the broker redelivers, INSERT IGNORE keeps one row.
        this.log.warn({ msg: 'ack failed after commit; the messages will be redelivered and deduplicated', err: (error as Error).message });
      }
    }
  }
}
