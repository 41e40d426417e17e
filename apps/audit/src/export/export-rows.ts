import { toCallLogItem } from '../call-log/call-log.mapper.js';
import type { CallLogRow } from '../call-log/call-log.repository.js';
import type { ChainLog } from '../integrity/chain-logs.js';
import { toOperationLogItem } from '../operation-log/operation-log.mapper.js';
import type { OperationLogRow } from '../operation-log/operation-log.repository.js';

/** CSV header of each log: the query endpoints' item fields, plus the chain position and hash. */
export const CSV_COLUMNS: Record<ChainLog, string[]> = {
  calls: [
    'seq',
    'id',
    'at',
    'direction',
    'service',
    'caller',
    'callee',
    'pattern',
    'requestId',
    'actor',
    'code',
    'ok',
    'durationMs',
    'message',
    'source',
    'traceId',
    'spanId',
    'parentSpanId',
    'rowHash',
  ],
  operations: ['seq', 'id', 'at', 'service', 'actorType', 'actor', 'entity', 'entityId', 'action', 'changes', 'requestId', 'rowHash'],
};

/** One exported record: the item `GET /audit/calls|operations` returns, with `seq` and `rowHash`. */
export function exportItem(log: ChainLog, row: Record<string, unknown>): Record<string, unknown> {
  const item = log === 'calls' ? toCallLogItem(row as unknown as CallLogRow) : toOperationLogItem(row as unknown as OperationLogRow);
  const hash = row.row_hash as Buffer | null;
  return { seq: Number(row.seq), ...item, rowHash: hash ? hash.toString('hex') : null };
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection): `=`, `+`,
 * `-`, `@`, tab and carriage return, also after leading spaces (some spreadsheets trim them first).
 */
const FORMULA_START = /^[ \u00a0]*[=+\-@\t\r]/;

/**
 * A string cell a spreadsheet would run as a formula gets a leading `'` (OWASP's advice), so
 * `=HYPERLINK(...)` sent as a caller name shows as text. Numbers and booleans are ours, never
 * the caller's, and stay as they are.
 */
export function neutraliseCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** The same record as a CSV row (changes as their JSON text); `raw` keeps every cell byte for byte. */
export function csvRecord(log: ChainLog, item: Record<string, unknown>, raw = false): unknown[] {
  const cells = CSV_COLUMNS[log].map((c) => (c === 'changes' ? JSON.stringify(item[c]) : item[c]));
  return raw ? cells : cells.map(neutraliseCell);
}
