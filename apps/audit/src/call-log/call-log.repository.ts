import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StorableCallEvent } from './call-event.parser.js';
import { buildCallLogQuery, CALL_LOG_COLUMNS, type CallLogFilter } from './call-query.builder.js';

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
}

export interface CallStore {
  /** Stores the events in one statement; returns how many were new (the rest were already stored). */
  insertIgnore(events: readonly StorableCallEvent[]): Promise<number>;
}

/** The mysql2 (callback API) pool connection behind a TypeORM query runner. */
interface DriverConnection {
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

const INSERT_COLUMNS = 'id, at, direction, service, caller, callee, pattern, request_id, actor, code, ok, duration_ms, message, source';
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

@Injectable()
export class CallLogRepository implements CallStore {
  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {}

  /**
   * One multi-row INSERT IGNORE: the unique key on `id` turns a redelivered event into a no-op,
   * and the whole batch commits (autocommit) or fails together.
   *
   * Sent on the pool's driver connection rather than through `DataSource.query`: TypeORM's error
   * logging would print every failed batch, all parameters included, to stdout at each retry of a
   * database outage. The caller logs the failure once, structured.
   */
  async insertIgnore(events: readonly StorableCallEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const params: unknown[] = [];
    for (const e of events) {
      params.push(e.id, e.at, e.direction, e.service, e.caller, e.callee, e.pattern, e.requestId, e.actor, e.code, e.ok, e.durationMs, e.message, e.source);
    }
    const sql = `INSERT IGNORE INTO call_log (${INSERT_COLUMNS}) VALUES ${Array(events.length).fill(ROW_PLACEHOLDERS).join(', ')}`;
    const runner = this.dataSource.createQueryRunner('master');
    try {
      const connection = (await runner.connect()) as DriverConnection;
      const result = await new Promise<{ affectedRows?: number }>((resolve, reject) =>
        connection.query(sql, params, (error, r) => (error ? reject(error) : resolve(r as { affectedRows?: number }))),
      );
      return result.affectedRows ?? 0;
    } finally {
      await runner.release();
    }
  }

  findPage(filter: CallLogFilter): Promise<CallLogRow[]> {
    const { sql, params } = buildCallLogQuery(filter);
    return this.dataSource.query(sql, params) as Promise<CallLogRow[]>;
  }

  /** One call by its event id (`GET /audit/calls/:id`). */
  async findById(id: string): Promise<CallLogRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${CALL_LOG_COLUMNS} FROM call_log WHERE id = ?`, [id])) as CallLogRow[];
    return rows[0] ?? null;
  }

  /** Every leg recorded under one requestId (inbound and outbound), oldest first, bounded. */
  findByRequestId(requestId: string, limit: number): Promise<CallLogRow[]> {
    return this.dataSource.query(`SELECT ${CALL_LOG_COLUMNS} FROM call_log WHERE request_id = ? ORDER BY at, seq LIMIT ?`, [requestId, limit]) as Promise<CallLogRow[]>;
  }
}
