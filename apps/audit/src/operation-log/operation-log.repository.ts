import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { KeyValue } from '@crm/persistence';
import { logList, logPageQuery, type LogCondition, type LogFilter } from '../log-query/log-list.js';
import { OPERATOR_READ_ACTIONS } from '../operator-auth/operator-action.recorder.js';
import type { EventStore } from '../ingest/event-batcher.js';
import type { StorableOperationEvent } from './operation-event.parser.js';
import { OPERATION_LOG, operationEventRow } from '../integrity/chain-logs.js';
import { ChainWriter } from '../integrity/chain-writer.js';

/**
 * `GET /audit/operations` as a list; `employee` is the acting employee ID (or caller). Every filter
 * has an index of its own, entity first so that (entity, entity_id, at, seq) serves both.
 */
export const OPERATION_LOG_LIST = logList({
  name: 'audit.operations',
  table: 'operation_log',
  columns: 'seq, id, at, service, actor_type, actor, entity, entity_id, action, changes, request_id',
  timeIndex: 'ix_operation_log_at',
  filters: {
    entity: { column: 'entity', indexed: true },
    entityId: { column: 'entity_id', indexed: true },
    employee: { column: 'actor', indexed: true },
    action: { column: 'action', indexed: true },
  },
});
export type OperationFilterField = keyof typeof OPERATION_LOG_LIST.filters;

/** Everything but one operator's reads in the audit app (what the audit app records of its own queries and views). */
export function withoutReadsBy(employeeId: string): LogCondition {
  return {
    sql: `NOT (service = 'audit' AND actor_type = 'employee' AND actor = ? AND action IN (${OPERATOR_READ_ACTIONS.map(() => '?').join(', ')}))`,
    params: [employeeId, ...OPERATOR_READ_ACTIONS],
  };
}

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

  /** One page newest first, `limit + 1` rows (see logPageQuery). */
  findPage(filter: LogFilter<OperationFilterField>, after: readonly KeyValue[] | undefined, limit: number): Promise<OperationLogRow[]> {
    const { sql, params } = logPageQuery(OPERATION_LOG_LIST, filter, after, limit);
    return this.dataSource.query(sql, params) as Promise<OperationLogRow[]>;
  }

  /** The changes made by one call (`GET /audit/calls/:id`), oldest first, bounded. */
  findByRequestId(requestId: string, limit: number): Promise<OperationLogRow[]> {
    return this.dataSource.query(`SELECT ${OPERATION_LOG_LIST.columns} FROM operation_log WHERE request_id = ? ORDER BY at, seq LIMIT ?`, [
      requestId,
      limit,
    ]) as Promise<OperationLogRow[]>;
  }
}
