import type { Sql } from './chain-head.js';
import type { LogDescriptor } from './chain-logs.js';

export const ROW_CHUNK = 5000;

/** Every stored column of a log, chain columns included, for verify, backups and restore. */
export function storedColumns(d: LogDescriptor): string[] {
  return ['seq', ...d.columns, 'stored_at', 'row_hash'];
}

/**
 * Rows in seq order after `afterSeq` (up to `untilSeq` when given), read as keyset chunks on the
 * primary key: constant memory, no connection or snapshot held between chunks, and the consumer
 * can stop at any row.
 */
export async function* rowsInSeqOrder(
  sql: Sql,
  d: LogDescriptor,
  afterSeq: number,
  untilSeq?: number,
  chunk = ROW_CHUNK,
): AsyncGenerator<Record<string, unknown>> {
  const columns = storedColumns(d).join(', ');
  let last = afterSeq;
  for (;;) {
    const rows = (await sql(
      `SELECT ${columns} FROM ${d.table} WHERE seq > ?${untilSeq === undefined ? '' : ' AND seq <= ?'} ORDER BY seq LIMIT ${chunk}`,
      untilSeq === undefined ? [last] : [last, untilSeq],
    )) as Array<Record<string, unknown>>;
    for (const r of rows) yield r;
    if (rows.length < chunk) return;
    last = Number(rows[rows.length - 1].seq);
  }
}
