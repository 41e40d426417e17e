import { parseEnvelope } from '@crm/messaging';

/** What a parser of an audit queue makes of one message; a refusal is dead-lettered with its reason. */
export type ParsedMessage<T> = { ok: true; event: T } | { ok: false; reason: string };

type Envelope = { ok: true; pattern: string; data: Record<string, unknown> } | { ok: false; reason: string };

/**
 * The `{pattern, data}` envelope of a message on an audit queue, read by the transport's own
 * parser (libs/messaging), with the patterns that queue takes. Never throws.
 */
export function readEventMessage(content: Buffer, patterns: readonly string[]): Envelope {
  const envelope = parseEnvelope(content);
  if (!envelope.ok) return { ok: false, reason: envelope.reason };
  if (!patterns.includes(envelope.pattern)) return { ok: false, reason: `pattern is not ${patterns.join(' or ')}` };
  return { ok: true, pattern: envelope.pattern, data: envelope.data };
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
