import type { CallDirection } from '@crm/contracts';
import type { CallCursor } from './call-cursor.js';

/** A validated call-log query; every field but `limit` optional. */
export interface CallLogFilter {
  from?: Date;
  to?: Date;
  caller?: string;
  callee?: string;
  service?: string;
  pattern?: string;
  direction?: CallDirection;
  code?: number;
  ok?: boolean;
  actor?: string;
  requestId?: string;
  after?: CallCursor;
  limit: number;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

export const CALL_LOG_COLUMNS =
  'seq, id, at, direction, service, caller, callee, pattern, request_id, actor, code, ok, duration_ms, message, source';

const EQUALITY: ReadonlyArray<[keyof CallLogFilter, string]> = [
  ['requestId', 'request_id'],
  ['caller', 'caller'],
  ['callee', 'callee'],
  ['service', 'service'],
  ['pattern', 'pattern'],
  ['code', 'code'],
  ['ok', 'ok'],
  ['actor', 'actor'],
  ['direction', 'direction'],
];

/**
 * One page of the call log, newest first, as keyset pagination: the cursor is a bound on
 * (at, seq), never an OFFSET, so page 1000 costs what page 1 costs. `at <= ?` is stated on its own
 * so that the optimizer sees a plain range on the index's `at` column; the OR only filters.
 * Reads `limit + 1` rows: the extra one says whether there is a next page.
 */
export function buildCallLogQuery(f: CallLogFilter): SqlQuery {
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
  const sql =
    `SELECT ${CALL_LOG_COLUMNS} FROM call_log` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY at DESC, seq DESC LIMIT ?';
  params.push(f.limit + 1);
  return { sql, params };
}
