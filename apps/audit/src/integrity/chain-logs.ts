import type { StorableCallEvent } from '../call-log/call-event.parser.js';
import type { StorableOperationEvent } from '../operation-log/operation-event.parser.js';

/** The two hash-chained logs. */
export const CHAIN_LOGS = ['calls', 'operations'] as const;
export type ChainLog = (typeof CHAIN_LOGS)[number];

export function isChainLog(value: unknown): value is ChainLog {
  return (CHAIN_LOGS as readonly unknown[]).includes(value);
}

/** A stored row with its chain columns, as mysql2 returns it (timezone Z). */
export interface ChainedRow {
  seq: string | number | bigint;
  id: string;
  row_hash: Buffer | null;
  [column: string]: unknown;
}

/** Whatever a log needs to store, hash and read its rows. */
export interface LogDescriptor {
  log: ChainLog;
  table: 'call_log' | 'operation_log';
  /** Every stored column but seq, row_hash and stored_at, in insert order. */
  columns: readonly string[];
  /**
   * Columns added after backups of the log were first written: a backup line without them (an
   * older backup) reads them as null, which is also how the rows they hold were hashed.
   */
  laterColumns?: readonly string[];
  /** Canonical bytes of a stored row (what row_hash covers). */
  canonical(row: Record<string, unknown>): string;
  /**
   * The log has a `fingerprint` column (not chained, not backed up: it only serves ingest): a row
   * given with `redelivered: true` is skipped when a row with its fingerprint is already stored.
   */
  fingerprinted?: boolean;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Lone UTF-16 surrogates are stored as U+FFFD by the driver; hash what is stored. */
function wellFormed(s: string): string {
  return SURROGATE.test(s) ? Buffer.from(s, 'utf8').toString('utf8') : s;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : wellFormed(String(value));
}

function millis(value: unknown): number {
  return value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
}

/** JSON with object keys sorted at every level: MySQL reorders JSON keys, MariaDB keeps the text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(wellFormed(k))}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(wellFormed(value));
  return JSON.stringify(value ?? null);
}

/**
 * DOUBLE does not survive the text protocol exactly (the 17th digit may change), so durations are
 * stored rounded to microseconds and hashed with three decimals.
 */
export function storedDuration(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export const CALL_LOG: LogDescriptor = {
  log: 'calls',
  table: 'call_log',
  fingerprinted: true,
  columns: [
    'id',
    'at',
    'direction',
    'service',
    'caller',
    'callee',
    'pattern',
    'request_id',
    'actor',
    'code',
    'ok',
    'duration_ms',
    'message',
    'source',
    'trace_id',
    'span_id',
    'parent_span_id',
  ],
  laterColumns: ['trace_id', 'span_id', 'parent_span_id'],
  // The trace columns are chained only when set, so rows stored before them (all null) keep their hashes.
  canonical: (r) =>
    JSON.stringify([
      'calls',
      text(r.id),
      millis(r.at),
      text(r.direction),
      text(r.service),
      text(r.caller),
      text(r.callee),
      text(r.pattern),
      text(r.request_id),
      text(r.actor),
      Number(r.code),
      Number(r.ok) ? 1 : 0,
      Number(r.duration_ms).toFixed(3),
      text(r.message),
      text(r.source),
      ...(r.trace_id == null && r.span_id == null && r.parent_span_id == null
        ? []
        : [text(r.trace_id), text(r.span_id), text(r.parent_span_id)]),
    ]),
};

export const OPERATION_LOG: LogDescriptor = {
  log: 'operations',
  table: 'operation_log',
  columns: ['id', 'at', 'service', 'actor_type', 'actor', 'entity', 'entity_id', 'action', 'changes', 'request_id'],
  canonical: (r) =>
    JSON.stringify([
      'operations',
      text(r.id),
      millis(r.at),
      text(r.service),
      text(r.actor_type),
      text(r.actor),
      text(r.entity),
      text(r.entity_id),
      text(r.action),
      canonicalJson(typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes),
      text(r.request_id),
    ]),
};

export const LOGS: Record<ChainLog, LogDescriptor> = { calls: CALL_LOG, operations: OPERATION_LOG };

/** A call event as the row it becomes. */
export function callEventRow(e: StorableCallEvent): Record<string, unknown> {
  return {
    id: e.id,
    at: e.at,
    direction: e.direction,
    service: e.service,
    caller: e.caller,
    callee: e.callee,
    pattern: e.pattern,
    request_id: e.requestId,
    actor: e.actor,
    code: e.code,
    ok: e.ok ? 1 : 0,
    duration_ms: storedDuration(e.durationMs),
    message: e.message,
    source: e.source,
    trace_id: e.traceId,
    span_id: e.spanId,
    parent_span_id: e.parentSpanId,
    fingerprint: e.fingerprint === null ? null : Buffer.from(e.fingerprint, 'hex'),
    redelivered: e.redelivered,
  };
}

/** An operation event as the row it becomes (changes as the JSON text stored). */
export function operationEventRow(e: StorableOperationEvent): Record<string, unknown> {
  return {
    id: e.id,
    at: e.at,
    service: e.service,
    actor_type: e.actorType,
    actor: e.actor,
    entity: e.entity,
    entity_id: e.entityId,
    action: e.action,
    changes: JSON.stringify(e.changes),
    request_id: e.requestId,
  };
}
