import { randomUUID } from 'node:crypto';
import {
  CALL_RECORDED_V1,
  ErrorCode,
  names,
  type CallEvent,
  type EventEnvelope,
  type EventPattern,
  type EventPayloads,
} from '@crm/contracts';
import { SpanKind, startSpan, type TraceHeaders } from '@crm/tracing';
import type { BrokerConnection } from './broker-connection.js';
import { sealEvent } from './sealed-event.js';

/**
 * The broker user of an AMQP URL, sent as the `user_id` property of our events: RabbitMQ refuses a
 * publish whose `user_id` is not the connection's own user, so audit can trust it when present.
 * Undefined without a user name in the URL (e.g. EXTERNAL authentication with certificates).
 */
export function brokerUserOf(amqpUrl: string | undefined): string | undefined {
  if (!amqpUrl) return undefined;
  try {
    const user = decodeURIComponent(new URL(amqpUrl).username);
    return user || undefined;
  } catch {
    return undefined;
  }
}

/** Envelope fields of an event; by default a new id, now, and no actor. */
export interface EventMeta {
  eventId?: string;
  occurredAt?: Date;
  caller?: string | null;
  employeeId?: string | null;
}

/**
 * Confirmed, persistent publishing to `<ns>.events` (SPEC §2.3). Resolves only on the broker's ack.
 * Every event is sealed with a MAC over its body (audit and the inboxes refuse events without a valid one).
 */
export class EventPublisher {
  private readonly exchange: string;
  private readonly userId: string | undefined;

  constructor(
    private readonly broker: BrokerConnection,
    private readonly publishTimeoutMs = 30_000,
  ) {
    this.exchange = names.eventsExchange(broker.settings.namespace);
    this.userId = brokerUserOf(broker.settings.amqpUrls[0]);
  }

  /** An event with its pattern's payload (`EventPayloads`); resolves to its `eventId`. */
  publish<P extends EventPattern>(pattern: P, data: EventPayloads[P], meta: EventMeta = {}): Promise<string> {
    return this.publishStored(pattern, data, meta);
  }

  /**
   * The outbox relay's way out: a row's pattern and data, checked against `EventPayloads` when
   * `OutboxWriter.add` wrote them, come back from the database as plain values. The message carries
   * a span of the active trace in its `traceparent` header (the relay makes the row's trace active),
   * so the consumers' work continues it.
   */
  async publishStored<D extends object>(pattern: string, data: D, meta: EventMeta = {}): Promise<string> {
    const span = startSpan(pattern, SpanKind.PRODUCER);
    try {
      const eventId = await this.send(pattern, data, meta, span.headers());
      span.end();
      return eventId;
    } catch (error) {
      span.end(ErrorCode.Unavailable, (error as Error)?.message ?? null);
      throw error;
    }
  }

  private async send<D extends object>(pattern: string, data: D, meta: EventMeta, headers: TraceHeaders): Promise<string> {
    const eventId = meta.eventId ?? randomUUID();
    const envelope: EventEnvelope<D> = {
      pattern,
      // The acting caller/employee fill `caller`/`employeeId` only where the payload has none of its
      // own: in `auth.caller.changed.v1` `caller` is the subject, and overwriting it with the actor
      // (null for auth's own announcements) left every cache holding the changed caller.
      data: {
        caller: meta.caller ?? null,
        employeeId: meta.employeeId ?? null,
        ...data,
        eventId,
        occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
      },
    };
    await this.raw(pattern, envelope, eventId, headers);
    return eventId;
  }

  publishCallEvent(event: CallEvent): Promise<void> {
    return this.raw(CALL_RECORDED_V1, { pattern: CALL_RECORDED_V1, data: event }, event.id);
  }

  /** Sealed over its bytes (`sealEvent`): the MAC travels in a header next to the trace headers. */
  private async raw(
    routingKey: string,
    envelope: { pattern: string; data: object },
    messageId: string,
    trace?: TraceHeaders,
  ): Promise<void> {
    const sealed = sealEvent(this.broker.settings.sealer, envelope);
    await this.broker.channel.publish(this.exchange, routingKey, sealed.content, {
      persistent: true,
      contentType: 'application/json',
      messageId,
      headers: { ...trace, ...sealed.headers },
      ...(this.userId ? { userId: this.userId } : {}),
      timeout: this.publishTimeoutMs,
    });
  }
}
