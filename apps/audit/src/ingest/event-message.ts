import type { MessageProperties } from 'amqplib';
import type { EventAuthenticator, ForgedEventSummary, IngestQueue } from './event-authenticity.js';

/**
 * What a parser of an audit queue makes of one message; a refusal is dead-lettered with its reason,
 * and one not published by the CRM's apps also carries its forged-event summary.
 */
export type ParsedMessage<T> = { ok: true; event: T } | { ok: false; reason: string; forged?: ForgedEventSummary };

/** A parser of one audit queue as its consumer calls it: the body and the AMQP properties. */
export type MessageParser<T> = (content: Buffer, properties?: Partial<MessageProperties>) => ParsedMessage<T>;

type Envelope = { ok: true; pattern: string; data: Record<string, unknown> } | { ok: false; reason: string; forged?: ForgedEventSummary };

/**
 * The `{pattern, data}` envelope of a message on an audit queue: read by the transport's own
 * parser and authenticated (EventAuthenticator: sealed by one of the CRM's apps), then held to the
 * patterns that queue takes. Never throws.
 */
export function readEventMessage(
  auth: EventAuthenticator,
  queue: IngestQueue,
  content: Buffer,
  properties: Partial<MessageProperties>,
  patterns: readonly string[],
  refusal = `pattern is not ${patterns.join(' or ')}`,
): Envelope {
  const opened = auth.open(queue, content, properties);
  if (!opened.ok) return opened;
  if (!patterns.includes(opened.pattern)) return { ok: false, reason: refusal };
  return { ok: true, pattern: opened.pattern, data: opened.data };
}

/** Event ids are uuid-shaped and fit the CHAR(36) id column of both logs. */
export const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,35}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** The id and time every stored event carries, checked alike for the call log and the operation log. */
export function eventIdentity(d: Record<string, unknown>): { ok: true; id: string; at: Date } | { ok: false; reason: string } {
  if (typeof d.id !== 'string' || !EVENT_ID.test(d.id)) return { ok: false, reason: 'invalid id' };
  const at = typeof d.at === 'string' && ISO_UTC.test(d.at) ? new Date(d.at) : null;
  if (at === null || Number.isNaN(at.getTime())) return { ok: false, reason: 'invalid at' };
  return { ok: true, id: d.id, at };
}
