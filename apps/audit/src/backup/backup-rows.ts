import type { LogDescriptor } from '../integrity/chain-logs.js';
import { storedColumns } from '../integrity/chain-rows.js';

/** One stored row as a backup line: times as ISO-8601, the hash as hex, everything else as stored. */
export function rowToRecord(d: LogDescriptor, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of storedColumns(d)) {
    const v = row[c];
    if (c === 'seq') out[c] = Number(v);
    else if (v instanceof Date) out[c] = v.toISOString();
    else if (Buffer.isBuffer(v)) out[c] = v.toString('hex');
    else if (c === 'changes' && typeof v !== 'string') out[c] = JSON.stringify(v);
    else out[c] = v;
  }
  return out;
}

const TIME_COLUMNS = new Set(['at', 'stored_at']);

/** A backup line back into row values (what restore inserts and hashes). */
export function recordToRow(d: LogDescriptor, record: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of storedColumns(d)) {
    const v = record[c] === undefined && d.laterColumns?.includes(c) ? null : record[c];
    if (v === undefined) throw new Error(`backup line without ${c}`);
    if (TIME_COLUMNS.has(c)) row[c] = new Date(v as string);
    else if (c === 'row_hash') row[c] = v === null ? null : Buffer.from(v as string, 'hex');
    else row[c] = v;
  }
  return row;
}
