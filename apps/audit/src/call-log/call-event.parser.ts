import { CALL_RECORDED_V1, type CallDirection, type CallEvent } from '@crm/contracts';
import { isSpanId, isTraceId } from '@crm/tracing';
import type { EventAuthenticator } from '../ingest/event-authenticity.js';
import { eventIdentity, readEventMessage, type MessageParser, type ParsedMessage } from '../ingest/event-message.js';

/** A call event as it will be stored: strings already cut to their column widths. */
export interface StorableCallEvent extends Omit<CallEvent, 'service' | 'at' | 'mac'> {
  service: string;
  at: Date;
}

export type ParsedCallEvent = ParsedMessage<StorableCallEvent>;

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
const FINGERPRINT = /^[0-9a-f]{64}$/;

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
export function callEventParser(auth: EventAuthenticator): MessageParser<StorableCallEvent> {
  return (content, properties = {}) => {
    const message = readEventMessage(auth, 'calls', content, properties, [CALL_RECORDED_V1]);
    return message.ok ? parseCallEvent(message.data) : message;
  };
}

export function parseCallEvent(d: Record<string, unknown>): ParsedCallEvent {
  const bad = (field: string): ParsedCallEvent => ({ ok: false, reason: `invalid ${field}` });
  const identity = eventIdentity(d);
  if (!identity.ok) return identity;
  const { id, at } = identity;
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
  // Absent in events of apps older than trace propagation: stored as null, linked by requestId only.
  const trace = { traceId: d.traceId ?? null, spanId: d.spanId ?? null, parentSpanId: d.parentSpanId ?? null };
  if (trace.traceId !== null && !isTraceId(trace.traceId)) return bad('traceId');
  if (trace.traceId === null ? trace.spanId !== null : !isSpanId(trace.spanId)) return bad('spanId');
  if (trace.parentSpanId !== null && (trace.traceId === null || !isSpanId(trace.parentSpanId))) return bad('parentSpanId');
  return {
    ok: true,
    event: {
      id,
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
      traceId: trace.traceId as string | null,
      spanId: trace.spanId as string | null,
      parentSpanId: trace.parentSpanId as string | null,
    },
  };
}
