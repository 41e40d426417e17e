import type { MessageProperties } from 'amqplib';
import { CALL_RECORDED_V1, type CallDirection, type CallEvent } from '@crm/contracts';
import type { EventAuthenticator, ForgedEventSummary } from '../ingest/event-authenticity.js';

/** A call event as it will be stored: strings already cut to their column widths. */
export interface StorableCallEvent extends Omit<CallEvent, 'service' | 'at' | 'mac'> {
  service: string;
  at: Date;
}

export type ParsedCallEvent = { ok: true; event: StorableCallEvent } | { ok: false; reason: string; forged?: ForgedEventSummary };

/** Column widths of call_log; longer text is cut rather than refused, so no call goes unrecorded. */
export const CALL_LOG_WIDTHS = {
  service: 32,
  caller: 128,
  callee: 128,
  pattern: 255,
  requestId: 255,
  actor: 128,
  message: 1000,
  source: 255,
} as const;

const DIRECTIONS: readonly CallDirection[] = ['inbound', 'outbound'];
const ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,35}$/;
const FINGERPRINT = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function text(value: unknown, width: number): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  return value.length > width ? value.slice(0, width) : value;
}

/**
 * Reads one message of `<ns>.audit.calls`: `{"pattern":"audit.call.recorded.v1","data":CallEvent}`,
 * sealed by one of the CRM's apps. Anything else is refused with a reason (the consumer
 * dead-letters it; a message that is not from our apps also carries its forged-event summary);
 * nothing here throws.
 */
export function callEventParser(auth: EventAuthenticator): (content: Buffer, properties?: Partial<MessageProperties>) => ParsedCallEvent {
  return (content, properties = {}) => {
    const opened = auth.open('calls', content, properties);
    if (!opened.ok) return opened;
    if (opened.pattern !== CALL_RECORDED_V1) return { ok: false, reason: `pattern is not ${CALL_RECORDED_V1}` };
    return parseCallEvent(opened.data);
  };
}

export function parseCallEvent(d: Record<string, unknown>): ParsedCallEvent {
  const bad = (field: string): ParsedCallEvent => ({ ok: false, reason: `invalid ${field}` });
  if (typeof d.id !== 'string' || !ID.test(d.id)) return bad('id');
  if (typeof d.at !== 'string' || !ISO_UTC.test(d.at)) return bad('at');
  const at = new Date(d.at);
  if (Number.isNaN(at.getTime())) return bad('at');
  if (!DIRECTIONS.includes(d.direction as CallDirection)) return bad('direction');
  const service = text(d.service, CALL_LOG_WIDTHS.service);
  if (!service) return bad('service');
  const callee = text(d.callee, CALL_LOG_WIDTHS.callee);
  if (!callee) return bad('callee');
  const optional = {
    caller: text(d.caller ?? null, CALL_LOG_WIDTHS.caller),
    pattern: text(d.pattern ?? null, CALL_LOG_WIDTHS.pattern),
    requestId: text(d.requestId ?? null, CALL_LOG_WIDTHS.requestId),
    actor: text(d.actor ?? null, CALL_LOG_WIDTHS.actor),
    message: text(d.message ?? null, CALL_LOG_WIDTHS.message),
    source: text(d.source ?? null, CALL_LOG_WIDTHS.source),
  };
  for (const [field, value] of Object.entries(optional)) if (value === undefined) return bad(field);
  if (typeof d.code !== 'number' || !Number.isInteger(d.code) || d.code < -2147483648 || d.code > 2147483647) return bad('code');
  if (typeof d.ok !== 'boolean') return bad('ok');
  if (typeof d.durationMs !== 'number' || !Number.isFinite(d.durationMs) || d.durationMs < 0) return bad('durationMs');
  if (typeof d.redelivered !== 'boolean') return bad('redelivered');
  if (d.fingerprint !== null && (typeof d.fingerprint !== 'string' || !FINGERPRINT.test(d.fingerprint))) return bad('fingerprint');
  return {
    ok: true,
    event: {
      id: d.id,
      at,
      direction: d.direction as CallDirection,
      service,
      caller: optional.caller as string | null,
      callee,
      pattern: optional.pattern as string | null,
      requestId: optional.requestId as string | null,
      actor: optional.actor as string | null,
      code: d.code,
      ok: d.ok,
      durationMs: d.durationMs,
      message: optional.message as string | null,
      source: optional.source as string | null,
      redelivered: d.redelivered,
      fingerprint: d.fingerprint as string | null,
    },
  };
}
