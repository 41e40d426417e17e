import { rowHash, type ChainKeyring } from './chain-crypto.js';
import { insertCheckpoint, prepareHead, readHead, writeHead, type Sql } from './chain-head.js';
import type { LogDescriptor } from './chain-logs.js';

const CHUNK = 5000;

/**
 * Chains rows that are stored above the head but were never chained: the rows that existed when
 * the integrity migration ran (renumbered 1..N first), or rows a benchmark generated in SQL.
 * Deliberately not reachable from any endpoint or command: run on demand it would bless rows
 * inserted behind the app's back. Each chunk is its own step (head locked, rows hashed, head
 * moved), so a large table never holds one huge transaction.
 */
export async function chainUnchainedRows(
  sql: Sql,
  keyring: ChainKeyring,
  d: LogDescriptor,
  inTransaction: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Promise<number> {
  const columns = ['seq', ...d.columns].join(', ');
  // New hashes go to a temporary table, then one UPDATE … JOIN per chunk (one round trip, PK joins).
  await sql(
    'CREATE TEMPORARY TABLE IF NOT EXISTS chain_backfill (s BIGINT UNSIGNED NOT NULL PRIMARY KEY, h BINARY(32) NOT NULL) ENGINE=MEMORY',
  );
  let total = 0;
  for (;;) {
    const done = await inTransaction(async () => {
      const head = await readHead(sql, d.log, true);
      await prepareHead(sql, keyring, head);
      const rows = (await sql(`SELECT ${columns} FROM ${d.table} WHERE seq > ? ORDER BY seq LIMIT ${CHUNK}`, [head.seq])) as Array<
        Record<string, unknown>
      >;
      if (rows.length === 0) return true;
      let prev = head.hash;
      let seq = head.seq;
      const values: unknown[] = [];
      for (const r of rows) {
        const s = Number(r.seq);
        if (s !== seq + 1) throw new Error(`${d.table} has a gap after seq ${seq}; renumber before chaining`);
        prev = rowHash(keyring.current, prev, d.canonical(r));
        seq = s;
        values.push(s, prev);
      }
      await sql('DELETE FROM chain_backfill');
      await sql(`INSERT INTO chain_backfill (s, h) VALUES ${rows.map(() => '(?, ?)').join(', ')}`, values);
      await sql(`UPDATE ${d.table} t JOIN chain_backfill v ON t.seq = v.s SET t.row_hash = v.h`);
      const last = rows.length < CHUNK;
      if (last) await insertCheckpoint(sql, keyring, { log: d.log, seq, hash: prev, kind: 'periodic' });
      await writeHead(sql, keyring, d.log, seq, prev, last ? { seq, at: new Date() } : undefined);
      total += rows.length;
      return last;
    });
    if (done) break;
  }
  await sql('DROP TEMPORARY TABLE IF EXISTS chain_backfill');
  return total;
}
