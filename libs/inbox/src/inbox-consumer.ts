import { Logger, type Type } from '@nestjs/common';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { DataSource } from 'typeorm';
import type { DeliverySink, EventVerifier } from '@crm/messaging';
import { isDatabaseUnavailable, isRetryableTransactionError } from '@crm/persistence';
import { extractTraceContext, SpanKind, startSpan, withTraceContext, type TraceSpan } from '@crm/tracing';
import type { InboxEvent, InboxHandlerFn } from './inbox-handler.decorator.js';
import { parseInboxEvent } from './inbox-event.parser.js';

export type AckChannel = Pick<Channel, 'ack' | 'nack'>;

/** A bound handler: what the consumer calls for one pattern. */
export interface InboxRoute {
  pattern: string;
  payload: Type<object>;
  handle: InboxHandlerFn;
}

export type InboxOutcome = 'applied' | 'duplicate' | 'refused' | 'failed';

export interface InboxConsumerOptions {
  /** Backoff while the database is down or a handler fails: doubles from min to max. */
  retryMinMs: number;
  retryMaxMs: number;
  /** A handler failing this many times for a reason other than an outage dead-letters the event. */
  maxHandlerAttempts: number;
  /** Refuses events without a valid seal; the app's inbox always sets it (InboxModule). */
  verifier: EventVerifier | null;
}

const DEFAULTS: InboxConsumerOptions = { retryMinMs: 100, retryMaxMs: 5000, maxHandlerAttempts: 5, verifier: null };

interface Delivery {
  channel: AckChannel;
  message: ConsumeMessage;
}

/**
 * Applies the events of one inbox queue exactly once: each delivery is parsed and validated, then
 * `INSERT IGNORE`s its eventId into `inbox` and runs the handler in the same transaction; the
 * delivery is acknowledged only after the commit. A redelivered or re-sent event finds its row
 * (another replica's insert waits on the row lock and then sees it), so it is acknowledged without
 * running the handler again.
 *
 * Deliveries are applied one at a time in arrival order; the channel's prefetch bounds what waits.
 * While the database is down the current one is retried with backoff, unacknowledged, and nothing
 * else is taken: the consumer resumes by itself. What cannot be parsed or validated, and what a
 * handler keeps refusing, is dead-lettered (`nack`, no requeue) with a log line naming the reason.
 */
export class InboxConsumer implements DeliverySink {
  private readonly log: Logger;
  private readonly o: InboxConsumerOptions;
  private readonly routes: Map<string, InboxRoute>;
  private waiting: Delivery[] = [];
  private current: AckChannel | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly dataSource: Pick<DataSource, 'transaction'>,
    readonly purpose: string,
    /** For log lines: where refused events go. */
    private readonly deadQueue: string,
    routes: readonly InboxRoute[],
    private readonly count: (outcome: InboxOutcome, pattern: string) => void = () => undefined,
    options: Partial<InboxConsumerOptions> = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
    this.routes = new Map(routes.map((r) => [r.pattern, r]));
    this.log = new Logger(`Inbox ${purpose}`);
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Deliveries of a closed channel cannot be settled; the broker redelivers them on the new one. */
  useChannel(channel: AckChannel): void {
    this.current = channel;
    this.waiting = this.waiting.filter((d) => d.channel === channel);
  }

  /** Consumer callback: never throws. */
  accept(channel: AckChannel, message: ConsumeMessage): void {
    this.current ??= channel;
    this.waiting.push({ channel, message });
    this.pump();
  }

  /** Resolves when everything accepted so far is settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Finishes the delivery in hand; the rest stays unacknowledged and is redelivered. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private pump(): void {
    if (this.running || this.stopped) return;
    this.running = this.drain()
      .catch((error: unknown) => this.log.error({ msg: 'inbox loop failed', err: (error as Error)?.message }))
      .finally(() => {
        this.running = null;
        if (this.waiting.length && !this.stopped) this.pump();
      });
  }

  private async drain(): Promise<void> {
    for (let d = this.waiting.shift(); d && !this.stopped; d = this.waiting.shift()) await this.settle(d);
  }

  private async settle(d: Delivery): Promise<void> {
    if (d.channel !== this.current) return;
    const parsed = await parseInboxEvent(
      d.message.content,
      d.message.properties.headers,
      (pattern) => this.routes.get(pattern)?.payload,
      this.o.verifier,
    );
    if (!parsed.ok) {
      const { reason, pattern, eventId, details } = parsed;
      this.log.warn({
        msg: `inbox event refused, dead-lettered to ${this.deadQueue}`,
        reason,
        pattern,
        eventId,
        details,
        routingKey: d.message.fields.routingKey,
        bytes: d.message.content.length,
      });
      this.count('refused', pattern ?? 'unknown');
      this.nack(d);
      return;
    }
    const { event } = parsed;
    const route = this.routes.get(event.pattern)!;
    // The publisher's trace continues in the handler: the rows it writes to the outbox carry it on.
    const span = startSpan(event.pattern, SpanKind.CONSUMER, extractTraceContext(d.message.properties.headers));
    try {
      await this.applyWithRetries(d, route, event, span);
    } finally {
      span.end();
    }
  }

  private async applyWithRetries(d: Delivery, route: InboxRoute, event: InboxEvent, span: TraceSpan): Promise<void> {
    let failures = 0;
    for (let attempt = 1; ; attempt++) {
      // Stopping or a lost channel: leave it unacknowledged; the broker hands it out again.
      if (this.stopped || d.channel !== this.current) return;
      try {
        const outcome = await withTraceContext(span.context, () => this.apply(route, event));
        this.ack(d);
        this.count(outcome, event.pattern);
        if (attempt > 1) this.log.log({ msg: 'inbox resumed', pattern: event.pattern, eventId: event.eventId, attempts: attempt });
        return;
      } catch (error) {
        const outage = isDatabaseUnavailable(error) || isRetryableTransactionError(error);
        const message = String((error as Error)?.message ?? error).slice(0, 300);
        if (!outage && ++failures >= this.o.maxHandlerAttempts) {
          this.log.error({
            msg: `inbox handler kept failing, event dead-lettered to ${this.deadQueue}`,
            pattern: event.pattern,
            eventId: event.eventId,
            attempts: failures,
            err: message,
          });
          this.count('failed', event.pattern);
          this.nack(d);
          return;
        }
        const delay = Math.min(this.o.retryMaxMs, this.o.retryMinMs * 2 ** Math.min(attempt - 1, 16));
        // During an outage one line at the start and then every tenth attempt is enough.
        if (attempt === 1 || attempt % 10 === 0 || !outage) {
          this.log.warn({
            msg: outage ? 'database unavailable, inbox waits (event kept unacknowledged)' : 'inbox handler failed, will retry',
            pattern: event.pattern,
            eventId: event.eventId,
            attempt,
            retryInMs: delay,
            err: message,
          });
        }
        await this.pause(delay);
      }
    }
  }

  private apply(route: InboxRoute, event: InboxEvent): Promise<'applied' | 'duplicate'> {
    return this.dataSource.transaction(async (m) => {
      const inserted: { affectedRows?: number } = await m.query(
        'INSERT IGNORE INTO inbox (purpose, event_id, pattern, occurred_at, applied_at) VALUES (?, ?, ?, ?, ?)',
        [this.purpose, event.eventId, event.pattern, event.occurredAt, new Date()],
      );
      if (inserted.affectedRows === 0) return 'duplicate';
      await route.handle(event, m);
      return 'applied';
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private ack(d: Delivery): void {
    try {
      d.channel.ack(d.message);
    } catch (error) {
      // Channel closed after the commit: the redelivery finds the inbox row and is acknowledged then.
      this.log.warn({ msg: 'ack failed after commit; the event will be redelivered and recognised', err: (error as Error).message });
    }
  }

  private nack(d: Delivery): void {
    try {
      d.channel.nack(d.message, false, false);
    } catch (error) {
      this.log.warn({ msg: 'nack failed; the broker will redeliver the event', err: (error as Error).message });
    }
  }
}
