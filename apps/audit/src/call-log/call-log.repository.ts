import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StorableCallEvent } from './call-event.parser.js';
import { CALL_LOG, callEventRow } from '../integrity/chain-logs.js';
import { ChainWriter } from '../integrity/chain-writer.js';
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
