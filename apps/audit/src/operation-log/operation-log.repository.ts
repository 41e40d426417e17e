import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EventStore } from '../ingest/event-batcher.js';
import type { StorableOperationEvent } from './operation-event.parser.js';
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

interface DriverConnection {
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

const INSERT_COLUMNS = 'id, at, service, actor_type, actor, entity, entity_id, action, changes, request_id';
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

@Injectable()
export class OperationLogRepository implements EventStore<StorableOperationEvent> {
  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {}

  /** One multi-row INSERT IGNORE on the driver connection, for the reasons given in CallLogRepository. */
  async insertIgnore(events: readonly StorableOperationEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const params: unknown[] = [];
    for (const e of events) {
      params.push(e.id, e.at, e.service, e.actorType, e.actor, e.entity, e.entityId, e.action, JSON.stringify(e.changes), e.requestId);
    }
    const sql = `INSERT IGNORE INTO operation_log (${INSERT_COLUMNS}) VALUES ${Array(events.length).fill(ROW_PLACEHOLDERS).join(', ')}`;
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

  findPage(filter: OperationLogFilter): Promise<OperationLogRow[]> {
    const { sql, params } = buildOperationLogQuery(filter);
    return this.dataSource.query(sql, params) as Promise<OperationLogRow[]>;
  }

  /** The changes made by one call (`GET /audit/calls/:id`), oldest first, bounded. */
  findByRequestId(requestId: string, limit: number): Promise<OperationLogRow[]> {
    return this.dataSource.query(`SELECT ${OPERATION_LOG_COLUMNS} FROM operation_log WHERE request_id = ? ORDER BY at, seq LIMIT ?`, [requestId, limit]) as Promise<OperationLogRow[]>;
  }
}
