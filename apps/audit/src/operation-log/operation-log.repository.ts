import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EventStore } from '../ingest/event-batcher.js';
import type { StorableOperationEvent } from './operation-event.parser.js';
import { OPERATION_LOG, operationEventRow } from '../integrity/chain-logs.js';
import { ChainWriter } from '../integrity/chain-writer.js';
import { buildOperationLogQuery, OPERATION_LOG_COLUMNS, type OperationLogFilter } from './operation-query.builder.js';

/** An operation_log row as the driver returns it (BIGINT as string; JSON as text on MariaDB, parsed on MySQL). */
export interface OperationLogRow {
  seq: string;
  id: string;
  at: Date;
  service: string;
  actor_type: 'employee' | 'caller';
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  changes: string | unknown[];
  request_id: string | null;
}

@Injectable()
export class OperationLogRepository implements EventStore<StorableOperationEvent> {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(ChainWriter) private readonly chain: ChainWriter,
  ) {}

  /** Stores the batch hash-chained in one transaction, skipping ids already stored (see CallLogRepository). */
  insertIgnore(events: readonly StorableOperationEvent[]): Promise<number> {
    return this.chain.append(OPERATION_LOG, events.map(operationEventRow));
  }

  findPage(filter: OperationLogFilter): Promise<OperationLogRow[]> {
    const { sql, params } = buildOperationLogQuery(filter);
    return this.dataSource.query(sql, params) as Promise<OperationLogRow[]>;
  }

  /** The changes made by one call (`GET /audit/calls/:id`), oldest first, bounded. */
  findByRequestId(requestId: string, limit: number): Promise<OperationLogRow[]> {
    return this.dataSource.query(`SELECT ${OPERATION_LOG_COLUMNS} FROM operation_log WHERE request_id = ? ORDER BY at, seq LIMIT ?`, [requestId, limit]) as Promise<OperationLogRow[]>;
  }
}
