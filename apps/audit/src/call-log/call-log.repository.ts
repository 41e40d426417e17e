import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_NAMES, names } from '@crm/contracts';
import type { KeyValue } from '@crm/persistence';
import { logAggregateQuery, logList, logPageQuery, type LogCondition, type LogFilter, type LogList } from '../log-query/log-list.js';
import type { StorableCallEvent } from './call-event.parser.js';
import { CALL_LOG, callEventRow } from '../integrity/chain-logs.js';
import { ChainWriter } from '../integrity/chain-writer.js';

/**
 * `GET /audit/calls` as a list. Every filter column but `direction` leads an (X, at, seq) index
 * (request_id is near unique; trace_id's is CallTrace1765100000000); direction has two values, so the (at, seq) index serves it.
 * `requestId`, `caller` and `pattern` also take `*` wildcards (a prefix is an index range).
 * Sorts other than `at` read the range and sort it (no index keeps them in order).
 */
export const CALL_LOG_LIST = logList({
  name: 'audit.calls',
  table: 'call_log',
  columns:
    'seq, id, at, direction, service, caller, callee, pattern, request_id, actor, code, ok, duration_ms, message, source, trace_id, span_id, parent_span_id',
  timeIndex: 'ix_call_log_at',
  filters: {
    requestId: { column: 'request_id', indexed: true, glob: true },
    traceId: { column: 'trace_id', indexed: true },
    caller: { column: 'caller', indexed: true, glob: true },
    callee: { column: 'callee', indexed: true },
    service: { column: 'service', indexed: true },
    pattern: { column: 'pattern', indexed: true, glob: true },
    code: { column: 'code', indexed: true },
    ok: { column: 'ok', indexed: true },
    actor: { column: 'actor', indexed: true },
    direction: { column: 'direction', indexed: false },
  },
  sorts: {
    durationMs: { column: 'duration_ms', kind: 'number' },
    code: { column: 'code', kind: 'int' },
    service: { column: 'service', kind: 'string' },
    caller: { column: "COALESCE(caller, '')", field: 'caller', kind: 'string' },
    callee: { column: 'callee', kind: 'string' },
    pattern: { column: "COALESCE(pattern, '')", field: 'pattern', kind: 'string' },
  },
});
export type CallFilterField = keyof typeof CALL_LOG_LIST.filters;
export const CALL_SORTS = Object.keys(CALL_LOG_LIST.sorts);

/** The CRM apps' own callers (`crm-<app>`): calls between the apps and their credential and session checks. */
export const INTERNAL_CALLERS: readonly string[] = APP_NAMES.map(names.systemCaller);

/**
 * `internal=true`: only calls made by a CRM app's own caller; `false`: every other call, including
 * those without a caller (malformed, credentials missing).
 */
export function internalCondition(internal: boolean): LogCondition {
  const list = INTERNAL_CALLERS.map(() => '?').join(', ');
  return internal
    ? { sql: `caller IN (${list})`, params: [...INTERNAL_CALLERS] }
    : { sql: `(caller IS NULL OR caller NOT IN (${list}))`, params: [...INTERNAL_CALLERS] };
}

/** One bucket of the histogram as the driver returns it (aggregates as strings). */
export interface CallBucketRow {
  bucket: string | number;
  calls: string | number;
  errors: string | number;
}

/** A call_log row as the driver returns it (BIGINT as string, BOOLEAN as 0/1). */
export interface CallLogRow {
  seq: string;
  id: string;
  at: Date;
  direction: 'inbound' | 'outbound';
  service: string;
  caller: string | null;
  callee: string;
  pattern: string | null;
  request_id: string | null;
  actor: string | null;
  code: number;
  ok: number;
  duration_ms: number;
  message: string | null;
  source: string | null;
  trace_id: string | null;
  span_id: string | null;
  parent_span_id: string | null;
}

export interface CallStore {
  /** Stores the events in one statement; returns how many were new (the rest were already stored). */
  insertIgnore(events: readonly StorableCallEvent[]): Promise<number>;
}

@Injectable()
export class CallLogRepository implements CallStore {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(ChainWriter) private readonly chain: ChainWriter,
  ) {}

  /**
   * Stores the batch in one transaction, hash-chained (ChainWriter): ids already stored are
   * skipped, so a redelivered event is a no-op and the whole batch commits or fails together.
   */
  insertIgnore(events: readonly StorableCallEvent[]): Promise<number> {
    return this.chain.append(CALL_LOG, events.map(callEventRow));
  }

  /** One page in the list's order (newest first unless sorted), `limit + 1` rows (see logPageQuery). */
  findPage(
    filter: LogFilter<CallFilterField>,
    after: readonly KeyValue[] | undefined,
    limit: number,
    list: LogList<CallFilterField> = CALL_LOG_LIST,
  ): Promise<CallLogRow[]> {
    const { sql, params } = logPageQuery(list, filter, after, limit);
    return this.dataSource.query(sql, params) as Promise<CallLogRow[]>;
  }

  /**
   * Calls and failed calls per bucket of `bucketMs`, buckets counted from the epoch (bucket n
   * starts at n × bucketMs), only the buckets that hold calls.
   */
  countByBucket(filter: LogFilter<CallFilterField>, bucketMs: number): Promise<CallBucketRow[]> {
    const { sql, params } = logAggregateQuery(
      CALL_LOG_LIST,
      filter,
      {
        sql: "TIMESTAMPDIFF(MICROSECOND, '1970-01-01', at) DIV ? AS bucket, COUNT(*) AS calls, SUM(ok = 0) AS errors",
        params: [bucketMs * 1000],
      },
      'bucket',
    );
    return this.dataSource.query(sql, params) as Promise<CallBucketRow[]>;
  }

  /** One call by its event id (`GET /audit/calls/:id`). */
  async findById(id: string): Promise<CallLogRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${CALL_LOG_LIST.columns} FROM call_log WHERE id = ?`, [id])) as CallLogRow[];
    return rows[0] ?? null;
  }

  /** Every leg of one trace (inbound and outbound, every app), oldest first, bounded; (trace_id, at, seq) index. */
  findByTraceId(traceId: string, limit: number): Promise<CallLogRow[]> {
    return this.dataSource.query(`SELECT ${CALL_LOG_LIST.columns} FROM call_log WHERE trace_id = ? ORDER BY at, seq LIMIT ?`, [
      traceId,
      limit,
    ]) as Promise<CallLogRow[]>;
  }

  /** Every leg recorded under one requestId (inbound and outbound), oldest first, bounded. */
  findByRequestId(requestId: string, limit: number): Promise<CallLogRow[]> {
    return this.dataSource.query(`SELECT ${CALL_LOG_LIST.columns} FROM call_log WHERE request_id = ? ORDER BY at, seq LIMIT ?`, [
      requestId,
      limit,
    ]) as Promise<CallLogRow[]>;
  }
}
