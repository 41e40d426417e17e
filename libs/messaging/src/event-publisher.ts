import { randomUUID } from 'node:crypto';
import { CALL_RECORDED_V1, names, type CallEvent, type EventEnvelope } from '@crm/contracts';
import type { BrokerConnection } from './broker-connection.js';

/** Confirmed, persistent publishing to `<ns>.events` (SPEC §2.3). Resolves only on the broker's ack. */
export class EventPublisher {
  private readonly exchange: string;

  constructor(
    private readonly broker: BrokerConnection,
    private readonly publishTimeoutMs = 30_000,
  ) {
    this.exchange = names.eventsExchange(broker.settings.namespace);
  }

  async publish<D extends object>(pattern: string, data: D, meta: { eventId?: string; occurredAt?: Date; caller?: string | null; employeeId?: string | null } = {}): Promise<string> {
    const eventId = meta.eventId ?? randomUUID();
    const envelope: EventEnvelope<D> = {
      pattern,
      data: { ...data, eventId, occurredAt: (meta.occurredAt ?? new Date()).toISOString(), caller: meta.caller ?? null, employeeId: meta.employeeId ?? null },
    };
    await this.raw(pattern, envelope, eventId);
    return eventId;
  }

  publishCallEvent(event: CallEvent): Promise<void> {
    return this.raw(CALL_RECORDED_V1, { pattern: CALL_RECORDED_V1, data: event }, event.id);
  }

  private async raw(routingKey: string, body: unknown, messageId: string): Promise<void> {
    await this.broker.channel.publish(this.exchange, routingKey, Buffer.from(JSON.stringify(body)), {
      persistent: true,
      contentType: 'application/json',
      messageId,
      timeout: this.publishTimeoutMs,
    });
  }
}
