import type { CallCursor } from '../call-log/call-cursor.js';
import type { SqlQuery } from '../call-log/call-query.builder.js';

/** A validated operation-log query; every field but `limit` optional. */
export interface OperationLogFilter {
  from?: Date;
  to?: Date;
  /** The acting employee ID (or caller name). */
  actor?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  after?: CallCursor;
  limit: number;
}

export const OPERATION_LOG_COLUMNS = 'seq, id, at, service, actor_type, actor, entity, entity_id, action, changes, request_id';

const EQUALITY: ReadonlyArray<[keyof OperationLogFilter, string]> = [
  ['entity', 'entity'],
  ['entityId', 'entity_id'],
  ['actor', 'actor'],
  ['action', 'action'],
];

/**
 * One page of the operation log, newest first, keyset-paginated on (at, seq) exactly like the call
 * log (see buildCallLogQuery). An equality filter rules out the plain (at, seq) index so that the
 * (X, at, seq) index reads the page directly instead of a backward walk over the whole table.
 */
export function buildOperationLogQuery(f: OperationLogFilter): SqlQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [field, column] of EQUALITY) {
    const value = f[field];
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  if (f.from) {
    where.push('at >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('at < ?');
    params.push(f.to);
  }
  if (f.after) {
    where.push('at <= ?', '(at < ? OR seq < ?)');
    params.push(f.after.at, f.after.at, f.after.seq);
  }
  const hint = EQUALITY.some(([field]) => f[field] !== undefined) ? ' IGNORE INDEX (ix_operation_log_at)' : '';
  const sql =
    `SELECT ${OPERATION_LOG_COLUMNS} FROM operation_log${hint}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY at DESC, seq DESC LIMIT ?';
  params.push(f.limit + 1);
  return { sql, params };
}
