import mysql from 'mysql2/promise';
import { loadConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { CALL_LOG, ChainKeyring, chainUnchainedRows } from '../../apps/audit/src/testing.js';
import type { Stack } from './stack.js';

/**
 * Fills an audit store's call log fast for volume tests and benchmarks: rows generated in SQL from
 * MariaDB's sequence engine (INSERT … SELECT FROM seq_1_to_N), then hash-chained by the app's own
 * chaining code, exactly as the integrity migration chains pre-existing rows. Returns the seconds
 * each step took.
 */
export async function generateChainedCalls(
  stack: Stack,
  rows: number,
  startMs: number,
): Promise<{ insertSeconds: number; chainSeconds: number }> {
  const db = await mysql.createConnection({
    host: '127.0.0.1',
    port: 3306,
    user: 'root',
    database: names.database(stack.ns, 'audit'),
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    await db.query("SET time_zone = '+00:00'");
    const [[head]] = await db.query<any[]>("SELECT seq FROM chain_head WHERE log = 'calls'");
    const offset = Number(head.seq);
    const t0 = performance.now();
    const CHUNK = 200_000;
    for (let from = 1; from <= rows; from += CHUNK) {
      const to = Math.min(rows, from + CHUNK - 1);
      await db.query(
        `INSERT INTO call_log (seq, id, at, direction, service, caller, callee, pattern, request_id, actor, code, ok, duration_ms, message, source)
         SELECT s.seq + ?, UUID(), TIMESTAMPADD(MICROSECOND, s.seq * 1000, ?), IF(s.seq % 10 = 0, 'outbound', 'inbound'), 'service',
                CONCAT('SYS', LPAD(s.seq % 50, 2, '0')), 'service', CONCAT('service.workorder.', ELT(1 + s.seq % 4, 'dispatch', 'urge', 'query', 'withdraw'), '.v1'),
                CONCAT('gen-', s.seq), IF(s.seq % 3 = 0, CONCAT('E', 100000 + s.seq % 200), NULL), IF(s.seq % 50 = 0, 5000, 0), s.seq % 50 <> 0,
                ROUND((s.seq % 1000) / 7, 3), IF(s.seq % 50 = 0, 'internal error (error id 00000000-0000-0000-0000-000000000000)', NULL), NULL
         FROM seq_${from}_to_${to} s`,
        [offset, new Date(startMs)],
      );
    }
    const insertSeconds = (performance.now() - t0) / 1000;
    const keyring = new ChainKeyring(loadConfig(stack.env).masterKeys);
    const sql = async (q: string, p?: unknown[]) => (await db.query(q, p))[0];
    const t1 = performance.now();
    await chainUnchainedRows(sql, keyring, CALL_LOG, async (work) => {
      await db.query('START TRANSACTION');
      try {
        const r = await work();
        await db.query('COMMIT');
        return r;
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
    });
    return { insertSeconds, chainSeconds: (performance.now() - t1) / 1000 };
  } finally {
    await db.end();
  }
}
