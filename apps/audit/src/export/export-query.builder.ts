import type { SqlQuery } from '../call-log/call-query.builder.js';
import { parseTimestamp } from '../call-log/call-query.dto.js';
import { CrmError, ErrorCode } from '@crm/contracts';
import { CALL_FILTERS, OPERATION_FILTERS, type ExportQueryDto } from './export-query.dto.js';

const CALL_COLUMNS: Record<(typeof CALL_FILTERS)[number], string> = {
  requestId: 'request_id',
  caller: 'caller',
  callee: 'callee',
  service: 'service',
  pattern: 'pattern',
  code: 'code',
  ok: 'ok',
  actor: 'actor',
  direction: 'direction',
};
/** Columns with an (X, at, seq) index: with one fixed, that index gives the order. */
const CALL_INDEXED = new Set(['request_id', 'caller', 'callee', 'service', 'pattern', 'code', 'ok', 'actor']);
const OPERATION_COLUMNS: Record<(typeof OPERATION_FILTERS)[number], string> = { entity: 'entity', entityId: 'entity_id', employee: 'actor', action: 'action' };

export const EXPORT_CALL_COLUMNS = 'seq, id, at, direction, service, caller, callee, pattern, request_id, actor, code, ok, duration_ms, message, source, row_hash';
export const EXPORT_OPERATION_COLUMNS = 'seq, id, at, service, actor_type, actor, entity, entity_id, action, changes, request_id, row_hash';

/**
 * The export's one SELECT, oldest first (at, seq ascending) with no LIMIT: read off an index in
 * order, never sorted, so the first row streams at once however large the range. Filters of the
 * other log are refused (4220) rather than silently ignored.
 */
export function buildExportQuery(q: ExportQueryDto): SqlQuery {
  const calls = q.log === 'calls';
  const own = (calls ? CALL_FILTERS : OPERATION_FILTERS) as readonly string[];
  const foreign = ((calls ? OPERATION_FILTERS : CALL_FILTERS) as readonly string[]).filter((f) => (q as unknown as Record<string, unknown>)[f] !== undefined);
  if (foreign.length > 0) {
    throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', foreign.map((field) => ({ field, reasons: [`${field} does not filter the ${q.log} log`] })));
  }
  const where: string[] = [];
  const params: unknown[] = [];
  let indexed = false;
  for (const field of own) {
    const value = (q as unknown as Record<string, unknown>)[field];
    if (value === undefined) continue;
    const column = calls ? CALL_COLUMNS[field as keyof typeof CALL_COLUMNS] : OPERATION_COLUMNS[field as keyof typeof OPERATION_COLUMNS];
    where.push(`${column} = ?`);
    params.push(value);
    indexed ||= calls ? CALL_INDEXED.has(column) : true;
  }
  if (q.from) {
    where.push('at >= ?');
    params.push(parseTimestamp(q.from));
  }
  if (q.to) {
    where.push('at < ?');
    params.push(parseTimestamp(q.to));
  }
  const table = calls ? 'call_log' : 'operation_log';
  const timeIndex = calls ? 'ix_call_log_at' : 'ix_operation_log_at';
  const hint = indexed ? ` IGNORE INDEX (${timeIndex})` : ` FORCE INDEX (${timeIndex})`;
  const sql =
    `SELECT ${calls ? EXPORT_CALL_COLUMNS : EXPORT_OPERATION_COLUMNS} FROM ${table}${hint}` + (where.length ? ` WHERE ${where.join(' AND ')}` : '') + ' ORDER BY at, seq';
  return { sql, params };
}
