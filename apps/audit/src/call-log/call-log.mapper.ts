import type { StorableCallEvent } from './call-event.parser.js';
import type { CallLogRow } from './call-log.repository.js';

/**
 * One item of `GET /audit/calls`: the fields of SPEC §4.1, as stored. The redelivery flag and the
 * fingerprint only serve ingest's dedupe and are not shown.
 */
export interface CallLogItem extends Omit<StorableCallEvent, 'at' | 'redelivered' | 'fingerprint'> {
  at: string;
}

export function toCallLogItem(row: CallLogRow): CallLogItem {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    direction: row.direction,
    service: row.service,
    caller: row.caller,
    callee: row.callee,
    pattern: row.pattern,
    requestId: row.request_id,
    actor: row.actor,
    code: Number(row.code),
    ok: Boolean(Number(row.ok)),
    durationMs: Number(row.duration_ms),
    message: row.message,
    source: row.source,
    traceId: row.trace_id ?? null,
    spanId: row.span_id ?? null,
    parentSpanId: row.parent_span_id ?? null,
  };
}
