import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { names } from '@crm/contracts';
import { dataSourceOptions } from '@crm/persistence';
import { CreateOutboundCredential1763880000000 } from '@crm/security';
import { CallLogSchema1763880500000, OperationLogSchema1763880600000 } from '../../apps/audit/src/testing.js';
import { Stack } from '../support/stack.js';

/**
 * An audit store from before the hash chain (rows with gaps in seq, as INSERT IGNORE leaves them)
 * is renumbered and chained by the integrity migration when the new app starts; verify is ok.
 */

jest.setTimeout(120_000);

let stack: Stack;

beforeAll(async () => {
  stack = await Stack.start({ apps: [] });
  const ds = new DataSource({
    ...dataSourceOptions(
      { databaseUrl: 'mysql://root@127.0.0.1:3306', database: names.database(stack.ns, 'audit') },
      [],
      [CreateOutboundCredential1763880000000, CallLogSchema1763880500000, OperationLogSchema1763880600000],
      2,
    ),
    logging: false,
  });
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  const db = await stack.db('audit');
  try {
    for (const seq of [3, 4, 10, 11, 12, 40]) {
      await db.query(
        "INSERT INTO call_log (seq, id, at, direction, service, caller, callee, pattern, request_id, actor, code, ok, duration_ms, message, source) VALUES (?, UUID(), ?, 'inbound', 'service', 'EOMS', 'service', 'p', ?, NULL, 0, 1, 2.5, NULL, NULL)",
        [seq, new Date(Date.UTC(2026, 0, 1, 0, 0, seq)), `old-${seq}`],
      );
    }
    await db.query(
      "INSERT INTO operation_log (seq, id, at, service, actor_type, actor, entity, entity_id, action, changes, request_id) VALUES (7, UUID(), ?, 'service', 'caller', 'EOMS', 'workorder', 'w1', 'dispatch', ?, NULL)",
      [new Date(Date.UTC(2026, 0, 1)), JSON.stringify([{ field: 'status', old: null, new: 'dispatched' }])],
    );
  } finally {
    await db.end();
  }
  await stack.startApp('audit');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

describe('integrity migration', () => {
  it('renumbers existing rows without gaps, in their order, and chains them', async () => {
    const db = await stack.db('audit');
    try {
      const [rows] = await db.query<any[]>('SELECT seq, request_id, row_hash FROM call_log ORDER BY seq');
      expect(rows.map((r) => [Number(r.seq), r.request_id])).toEqual([3, 4, 10, 11, 12, 40].map((s, i) => [i + 1, `old-${s}`]));
      expect(rows.every((r) => Buffer.isBuffer(r.row_hash) && r.row_hash.length === 32)).toBe(true);
    } finally {
      await db.end();
    }
    const verified = await stack.cli(['audit', 'verify']);
    expect(verified.code).toBe(0);
    expect(verified.lines.map((r: any) => [r.log, r.ok, r.checked])).toEqual([
      ['calls', true, 6],
      ['operations', true, expect.any(Number)],
    ]);
    expect(verified.lines[1].checked).toBeGreaterThanOrEqual(1);
  });
});
