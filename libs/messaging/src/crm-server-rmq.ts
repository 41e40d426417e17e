import { Logger } from '@nestjs/common';
import { RmqContext, ServerRMQ, type RmqOptions } from '@nestjs/microservices';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { extractTraceContext, SpanKind, startSpan, withTraceContext } from '@crm/tracing';
import { CALL_RECORDED_V1, ErrorCode, names, okBody, type AppName, type CallEvent, type ErrBody } from '@crm/contracts';
import { CallScope } from '@crm/persistence';
import { assertTopology, requestQueueOptions, type ChannelOpener, type DeadQueueBounds, type QueueType } from './topology.js';
import { parseEnvelope, readCallFields, type EnvelopeLimits } from './envelope-parser.js';
import { toErrorReply } from './error-reply.js';
import { buildCallEvent, callFingerprint, newCallEventId } from './call-event.factory.js';
import { actorOf, REQUEST_KEY } from './actor-context.js';
import { brokerUserOf } from './event-publisher.js';
import { sealEvent, type EventSealer } from './sealed-event.js';
import { countDeliveries, DELIVERY_LIMIT, needsRecount, recountOptions, type Deliveries } from './delivery-count.js';
import { BROKER_LINK } from './broker-connection.js';
import { coalesceFrameWrites } from './frame-coalescing.js';

export interface CallObserver {
  observe(pattern: string, code: number, seconds: number): void;
}

export interface CrmServerSettings {
  service: AppName;
  namespace: string;
  amqpUrls: readonly string[];
  queueType: QueueType;
  prefetch: number;
  /** Size and nesting bounds checked before a body is parsed. */
  limits: EnvelopeLimits;
  /** Dead-letter queue bounds (every app declares the whole topology). */
  deadQueueBounds: DeadQueueBounds;
  /** Queues outside the namespace a reply must not go to either (EOMS_QUEUE). */
  protectedQueues?: readonly string[];
  /** How long the pipeline of one call may run before it is answered 5030 (HANDLER_DEADLINE_MS). */
  handlerDeadlineMs: number;
  observer?: CallObserver;
  /** Seals the call events (audit refuses events without a valid MAC). */
  sealer: EventSealer;
  /** Unsettled deliveries after which a request is dead-lettered unhandled (default DELIVERY_LIMIT). */
  deliveryLimit?: number;
}

/** Label of calls whose pattern has no handler here: metrics must not grow with what callers send. */
export const UNKNOWN_PATTERN_LABEL = 'unknown';

/**
 * A handler whose COMMIT was already on its way at the deadline and succeeded gets this long to
 * return its own answer, which then stands instead of 5030 (it changed data: "retry" would be wrong).
 */
const LATE_COMMIT_GRACE_MS = 1000;

type Outcome = { reply: { response: unknown } | { err: ErrBody }; code: number; message: string | null };

/** `service.workorder.dispatch.v1`: a letter first, so never a JSON literal. */
const DOTTED_PATTERN = /^[A-Za-z][\w-]*(?:\.[\w-]+)+$/;

/**
 * Nest's RMQ server, made to keep SPEC §2 and §4.1:
 * - manual acks with a bounded prefetch; Nagle off (a request/response otherwise waits ~40 ms);
 * - malformed bodies and unknown patterns answered with 4000/4040 and dead-lettered, which the
 *   stock server decides before guards or filters could see them;
 * - a request that keeps killing its consumer (delivered `deliveryLimit` times without being
 *   settled) is answered 5000, recorded and dead-lettered instead of handled again; a handler that
 *   throws (5000) has its message dead-lettered at once, never requeued: no hot loop either way;
 * - every message, whatever its outcome, yields a call event that the broker confirms *before*
 *   the message is acked (the reply goes out as soon as the outcome is known). If the confirm never
 *   comes, the message stays unacked and is redelivered. Each processing gets a fresh event id (two calls sharing a record id or
 *   `message_id` stay two rows); the broker's `redelivered` flag and the fingerprint let audit keep
 *   a true redelivery once;
 * - a deadline per call (`handlerDeadlineMs`): past it the call is answered 5030 like any other
 *   outcome (call event, ack, reply), so a stuck handler frees its prefetch slot and never stalls
 *   the consumer; its database work is stopped (`CallScope`) and its late result dropped.
 */
export class CrmServerRMQ extends ServerRMQ {
  private readonly log = new Logger('CrmServerRMQ');
  private readonly eventsExchange: string;
  private readonly userId: string | undefined;

  constructor(private readonly settings: CrmServerSettings) {
    super(CrmServerRMQ.rmqOptions(settings));
    this.eventsExchange = names.eventsExchange(settings.namespace);
    this.userId = brokerUserOf(settings.amqpUrls[0]);
  }

  static rmqOptions(s: CrmServerSettings): NonNullable<RmqOptions['options']> {
    return {
      urls: [...s.amqpUrls],
      queue: names.requestQueue(s.namespace, s.service),
      queueOptions: requestQueueOptions(s.namespace, s.service, s.queueType),
      noAck: false,
      prefetchCount: s.prefetch,
      socketOptions: {
        connectionOptions: { noDelay: true, timeout: BROKER_LINK.connectTimeoutMs },
        heartbeatIntervalInSeconds: BROKER_LINK.heartbeatIntervalInSeconds,
        reconnectTimeInSeconds: BROKER_LINK.reconnectTimeInSeconds,
      },
    };
  }

  /** Nest's connection, with amqplib's frames of one event-loop turn written together (`coalesceFrameWrites`). */
  override async createClient<T = AmqpConnectionManager>(): Promise<T> {
    const manager = await super.createClient<AmqpConnectionManager>();
    manager.on('connect', ({ connection }) => coalesceFrameWrites(connection));
    return manager as T;
  }

  /**
   * A dotted pattern name (every handler's) is its own route. Nest first tries `JSON.parse` on every
   * incoming pattern, and the exception it then catches was 1.5 % of marketing's CPU under load; a
   * dotted name is never valid JSON, so the route is the same. Anything else goes Nest's way.
   */
  protected override getRouteFromPattern(pattern: string): string {
    return typeof pattern === 'string' && DOTTED_PATTERN.test(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  override async setupChannel(channel: ConfirmChannel, callback: () => void): Promise<void> {
    await assertTopology(channel, this.settings.namespace, this.settings.queueType, this.settings.deadQueueBounds, this.scratchChannels());
    return super.setupChannel(channel, callback);
  }

  override async handleMessage(raw: Record<string, any> | null, channel: ConfirmChannel): Promise<void> {
    const message = raw as ConsumeMessage | null;
    if (!message) return; // consumer cancelled by the broker; a-c-m re-runs setup on reconnect
    const deliveries = countDeliveries(message, this.settings.queueType, this.settings.sealer);
    const poisoned = deliveries.previous >= (this.settings.deliveryLimit ?? DELIVERY_LIMIT);
    if (!poisoned && needsRecount(message, this.settings.queueType)) return this.recount(message, channel, deliveries);
    const startedAt = new Date();
    const started = performance.now();
    const envelope = parseEnvelope(message.content, this.settings.limits);
    const { replyTo, correlationId, messageId, userId } = message.properties as {
      replyTo?: string;
      correlationId?: string;
      messageId?: string;
      userId?: string;
    };
    const data = envelope.ok ? envelope.data : null;
    const { caller, requestId } = readCallFields(data);
    const recordId = envelope.id;
    const recordKey = recordId ?? (typeof messageId === 'string' ? messageId : '');

    let outcome: Outcome;
    let deadLetter: boolean;
    let handled = false;
    const routedPattern: string | null = envelope.ok || envelope.pattern ? envelope.pattern : null;
    // The caller's trace continues here (a new trace without a valid `traceparent` header); the
    // handler, and every call or outbox row it makes, runs with this span active.
    const span = startSpan(UNKNOWN_PATTERN_LABEL, SpanKind.SERVER, extractTraceContext(message.properties.headers));
    const replyRefused = typeof replyTo === 'string' && this.isOwnQueue(replyTo);
    if (poisoned) {
      const mapped = toErrorReply(new Error(`delivered ${deliveries.previous} times without being settled`));
      this.log.error({
        msg: 'request dead-lettered unhandled: it kept stopping its consumer',
        errorId: mapped.errorId,
        pattern: routedPattern,
      });
      outcome = failure(mapped.body);
      deadLetter = true;
    } else if (!envelope.ok) {
      outcome = failure({ code: ErrorCode.Malformed, message: `malformed message: ${envelope.reason}` });
      deadLetter = true;
    } else if (replyRefused) {
      // A reply written into one of our queues would be a message forged by this app: refuse the call.
      outcome = failure({ code: ErrorCode.Malformed, message: 'malformed message: reply_to names a queue of this installation' });
      deadLetter = true;
    } else {
      const handler = this.getHandlerByPattern(envelope.pattern);
      if (!handler) {
        outcome = failure({ code: ErrorCode.NotFound, message: 'unknown pattern' });
        deadLetter = true;
      } else {
        handled = true;
        const key = requestId ?? recordId;
        if (key) (envelope.data as Record<symbol, unknown>)[REQUEST_KEY] = `${caller ?? ''}|${key}`;
        outcome = await withTraceContext(span.context, () =>
          this.runHandler(handler, envelope.data, new RmqContext([message, channel, envelope.pattern])),
        );
        // A handler that threw keeps its message for an operator; a one-way call has nobody to tell about any failure.
        deadLetter = outcome.code === ErrorCode.Internal || (recordId === undefined && outcome.code >= 5000);
      }
    }
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    const event = buildCallEvent({
      id: newCallEventId(),
      at: startedAt,
      direction: 'inbound',
      service: this.settings.service,
      caller,
      callee: this.settings.service,
      pattern: routedPattern,
      requestId: requestId ?? recordId ?? null,
      actor: data ? actorOf(data) : null,
      code: outcome.code,
      message: outcome.message,
      durationMs,
      source: userId ?? deliveries.source ?? null,
      redelivered: message.fields.redelivered === true || deliveries.recounted,
      fingerprint: callFingerprint(this.settings.service, 'inbound', recordKey, message.content),
      trace: span,
    });
    const label = handled && routedPattern ? routedPattern : UNKNOWN_PATTERN_LABEL;
    span.end(outcome.code, outcome.message, label);
    this.settings.observer?.observe(label, outcome.code, durationMs / 1000);

    // The outcome is final (a handler returns after its commit): the reply need not wait for the
    // call event's confirm, only the ack does (SPEC §4.1). Should the confirm fail, the message stays
    // unacked and is handled again — idempotently, as after a crash — and the caller, who has its
    // answer, drops the second reply's unknown correlation id.
    const wantsReply = replyTo && !replyRefused && (recordId !== undefined || !envelope.ok);
    if (wantsReply) {
      try {
        channel.sendToQueue(replyTo, Buffer.from(JSON.stringify({ ...outcome.reply, isDisposed: true })), {
          correlationId,
          contentType: 'application/json',
        });
      } catch (error) {
        this.log.warn(`reply not sent: ${(error as Error).message}`);
      }
    }
    try {
      await this.publishCallEvent(channel, event);
    } catch (error) {
      // Not confirmed: leave the message unacked; the broker redelivers it when the channel recovers.
      this.log.warn(`call event not confirmed, message left for redelivery: ${(error as Error).message}`);
      return;
    }
    try {
      if (deadLetter) channel.nack(message, false, false);
      else channel.ack(message);
    } catch {
      // channel died after the confirm: the broker redelivers (flagged); audit keeps the first event
    }
  }

  /**
   * A classic queue counts no deliveries: its redelivery is replaced by a copy carrying the count
   * (sealed), published to the same queue and confirmed before the original is acked.
   */
  private async recount(message: ConsumeMessage, channel: ConfirmChannel, deliveries: Deliveries): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) =>
        channel.publish(
          '',
          names.requestQueue(this.settings.namespace, this.settings.service),
          message.content,
          recountOptions(message, deliveries, this.settings.sealer),
          (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
        ),
      );
      channel.ack(message);
    } catch (error) {
      this.log.warn(`redelivered request not re-queued, left for redelivery: ${(error as Error).message}`);
    }
  }

  private scratchChannels(): ChannelOpener {
    const model = this.server?.connection;
    if (!model) throw new Error('broker connection is not open');
    return model;
  }

  /**
   * Reply queues are the caller's (`amq.rabbitmq.reply-to` or its own); never a queue of this
   * namespace (`<ns>.audit.calls`, another app's requests) nor a protected one such as EOMS's.
   */
  private isOwnQueue(queue: string): boolean {
    return (
      queue === this.settings.namespace ||
      queue.startsWith(`${this.settings.namespace}.`) ||
      (this.settings.protectedQueues ?? []).includes(queue)
    );
  }

  /**
   * Nest's pipeline (guard → pipes → handler → filter) under the call's deadline. Past it, the
   * handler's database work runs into its `CallScope`: no statement but ROLLBACK may start, so its
   * transaction rolls back and nothing commits late. The handler itself cannot be stopped; when it
   * finally ends, its result is logged and dropped: the call was answered once, with 5030.
   */
  private async runHandler(
    handler: NonNullable<ReturnType<ServerRMQ['getHandlerByPattern']>>,
    data: Record<string, unknown>,
    ctx: RmqContext,
  ): Promise<Outcome> {
    const deadlineMs = this.settings.handlerDeadlineMs;
    const scope = new CallScope();
    const started = performance.now();
    const work = scope.run(() => this.invoke(handler, data, ctx));
    const first = await within(work, deadlineMs);
    if (first) return first;
    if (await scope.expire()) {
      const late = await within(work, LATE_COMMIT_GRACE_MS);
      if (late) return late;
    }
    const pattern = ctx.getPattern();
    this.log.error({ msg: 'call passed its deadline: answered 5030, its database work rolled back', pattern, deadlineMs });
    void work.then((o) =>
      this.log.warn({
        msg: 'a call that passed its deadline ended; its result was dropped',
        pattern,
        code: o.code,
        afterMs: Math.round(performance.now() - started),
      }),
    );
    return failure({ code: ErrorCode.Unavailable, message: `the call did not finish within ${deadlineMs} ms; retry later` });
  }

  /** One run of the pipeline, its outcome mapped to a reply; never rejects. */
  private async invoke(
    handler: NonNullable<ReturnType<ServerRMQ['getHandlerByPattern']>>,
    data: Record<string, unknown>,
    ctx: RmqContext,
  ): Promise<Outcome> {
    try {
      const result = await lastValueFrom(this.transformToObservable(await handler(data, ctx)), { defaultValue: null });
      return { reply: { response: okBody(result ?? null) }, code: 0, message: null };
    } catch (error) {
      const mapped = toErrorReply(error);
      if (mapped.errorId) {
        this.log.error({ msg: 'handler failed', errorId: mapped.errorId, pattern: ctx.getPattern(), err: describe(mapped.cause) });
      }
      return failure(mapped.body);
    }
  }

  private publishCallEvent(channel: ConfirmChannel, event: CallEvent): Promise<void> {
    const sealed = sealEvent(this.settings.sealer, { pattern: CALL_RECORDED_V1, data: event });
    return new Promise((resolve, reject) => {
      channel.publish(
        this.eventsExchange,
        CALL_RECORDED_V1,
        sealed.content,
        {
          persistent: true,
          contentType: 'application/json',
          messageId: event.id,
          headers: sealed.headers,
          ...(this.userId ? { userId: this.userId } : {}),
        },
        (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
      );
    });
  }
}

/** `work`'s result, or null once `ms` have passed first. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function failure(body: ErrBody): Outcome {
  return { reply: { err: body }, code: body.code, message: body.message };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
