import { createHash, timingSafeEqual } from 'node:crypto';
import type { ConsumeMessage, MessageProperties, Options } from 'amqplib';
import type { EventSealer } from './sealed-event.js';
import type { QueueType } from './topology.js';

/**
 * Deliveries of one request that ended without being settled (the app died or lost its channel
 * while handling it) after which the app gives up: the next delivery is answered 5000, recorded and
 * dead-lettered instead of handled. Below the broker's own `x-delivery-limit` of quorum queues, so
 * the app, not the broker, drops it — and the call log has it.
 */
export const DELIVERY_LIMIT = 10;

/** Headers of the copy a classic queue's redelivery is replaced by (classic queues count nothing themselves). */
const COUNT_HEADER = 'x-crm-deliveries';
const SOURCE_HEADER = 'x-crm-source';
const MAC_HEADER = 'x-crm-deliveries-mac';
/** MAC label: the count is sealed like an event, so a partner cannot forge it (to look redelivered, or poisoned). */
const SEAL_PATTERN = 'crm.request.deliveries.v1';

export interface Deliveries {
  /** Deliveries before this one that ended unsettled. */
  previous: number;
  /** A copy this app re-queued: its first processing may already be in the call log (treat as redelivered). */
  recounted: boolean;
  /** The broker user of the original publish (a copy cannot carry `user_id`: the broker checks it against our user). */
  source: string | null;
}

function seal(sealer: EventSealer, content: Buffer, count: number, source: string | null): string {
  const body = createHash('sha256').update(content).digest('hex');
  return sealer.seal(SEAL_PATTERN, { body, count, source }).mac;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * How often a request was delivered before without being settled. Quorum queues count in
 * `x-delivery-count`; on a classic queue the app counts, in sealed headers of a copy it re-queues
 * in place of each redelivery (`recount`).
 */
export function countDeliveries(message: ConsumeMessage, queueType: QueueType, sealer: EventSealer): Deliveries {
  const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
  const redelivered = message.fields.redelivered === true;
  if (queueType === 'quorum') {
    const n = Number(headers['x-delivery-count'] ?? 0);
    return { previous: Number.isSafeInteger(n) && n > 0 ? n : 0, recounted: false, source: null };
  }
  const count = headers[COUNT_HEADER];
  const source = typeof headers[SOURCE_HEADER] === 'string' && headers[SOURCE_HEADER] !== '' ? (headers[SOURCE_HEADER] as string) : null;
  const mac = headers[MAC_HEADER];
  const ours =
    typeof count === 'number' &&
    Number.isSafeInteger(count) &&
    count > 0 &&
    typeof mac === 'string' &&
    sameText(mac, seal(sealer, message.content, count, source));
  const before = ours ? count : 0;
  return { previous: before + (redelivered ? 1 : 0), recounted: ours, source: ours ? source : null };
}

/** Whether this delivery is a classic queue's redelivery, to be replaced by a counted copy rather than handled. */
export function needsRecount(message: ConsumeMessage, queueType: QueueType): boolean {
  return queueType === 'classic' && message.fields.redelivered === true;
}

/** The publish options of the counted copy: the original's properties (but `user_id`) plus the sealed count. */
export function recountOptions(message: ConsumeMessage, deliveries: Deliveries, sealer: EventSealer): Options.Publish {
  const p = message.properties as MessageProperties;
  const source = deliveries.source ?? (typeof p.userId === 'string' ? p.userId : null);
  const { userId: _userId, headers, ...rest } = p;
  const options = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Options.Publish;
  return {
    ...options,
    headers: {
      ...(headers ?? {}),
      [COUNT_HEADER]: deliveries.previous,
      [SOURCE_HEADER]: source ?? '',
      [MAC_HEADER]: seal(sealer, message.content, deliveries.previous, source),
    },
  };
}
