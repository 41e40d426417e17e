import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { RawClient, type RawReply } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

/**
 * Dispatches that arrive together are written in one transaction (group commit). Each call must
 * still get what it would get alone: a bad payload fails alone, a repeated orderNo inside one
 * batch is a retry of the first (or 4090), and a connection lost in the middle of batches stores
 * nothing twice and loses nothing a client was told was stored.
 */

jest.setTimeout(300_000);

let stack: Stack;
let client: RawClient;
let password: string;
let db: mysql.Connection;

const payload = (orderNo: string, title = 'No dial tone') => ({
  orderNo,
  type: 'fault',
  title,
  description: 'Customer reports no dial tone',
  priority: 'high',
  customer: { accountNo: 'ACC-7', name: 'Li Lei', phone: '+86 138 0000 0000' },
  deadline: '2026-12-01T12:00:00Z',
  dispatchedAt: '2026-11-23T08:00:00Z',
});

const dispatch = (body: unknown): Promise<RawReply> =>
  client.call(
    stack.queue('service'),
    'service.workorder.dispatch.v1',
    { caller: 'EOMS', password, requestId: `rq-${randomUUID()}`, payload: body },
    { timeoutMs: 60_000 },
  );
const codeOf = (r: RawReply) => (r.response ? r.response.code : r.err!.code);

async function storedCounts(orderNos: string[]): Promise<Map<string, { orders: number; history: number }>> {
  const [rows] = await db.query<mysql.RowDataPacket[]>(
    `SELECT o.order_no, COUNT(DISTINCT o.id) orders, COUNT(h.id) history
       FROM work_order o LEFT JOIN work_order_history h ON h.work_order_id = o.id AND h.action = 'dispatch'
      WHERE o.order_no IN (?) GROUP BY o.order_no`,
    [orderNos],
  );
  return new Map(rows.map((r) => [r.order_no as string, { orders: Number(r.orders), history: Number(r.history) }]));
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'] });
  client = await RawClient.connect();
  password = await stack.createCaller('EOMS', ['service.workorder.*']);
  db = await stack.db('service');
  await dispatch(payload(`warm-${randomUUID()}`)); // credential cache and pools warm: the burst below forms batches
});

afterAll(async () => {
  await db?.end();
  await client?.close();
  await stack?.stop();
});

describe('dispatch group commit', () => {
  it('answers each call of a burst as if it came alone', async () => {
    const run = randomUUID().slice(0, 8);
    const unique = Array.from({ length: 40 }, (_, i) => `${run}-u${i}`);
    const twice = Array.from({ length: 5 }, (_, i) => `${run}-t${i}`);
    const conflicting = `${run}-c`;
    const calls: Array<{ kind: string; orderNo: string | null; reply: Promise<RawReply> }> = [];
    // Interleaved, all in flight at once: the repeats land in the same batch as their first.
    unique.forEach((orderNo, i) => {
      calls.push({ kind: 'unique', orderNo, reply: dispatch(payload(orderNo)) });
      if (i < twice.length) {
        calls.push({ kind: 'twice', orderNo: twice[i]!, reply: dispatch(payload(twice[i]!)) });
        calls.push({ kind: 'twice', orderNo: twice[i]!, reply: dispatch(payload(twice[i]!)) });
      }
      if (i === 10) {
        calls.push({ kind: 'conflict', orderNo: conflicting, reply: dispatch(payload(conflicting, 'first title')) });
        calls.push({ kind: 'conflict', orderNo: conflicting, reply: dispatch(payload(conflicting, 'another title')) });
      }
      if (i % 13 === 0) calls.push({ kind: 'invalid', orderNo: null, reply: dispatch({ ...payload(`${run}-bad${i}`), deadline: 'soon' }) });
    });
    const replies = await Promise.all(calls.map((c) => c.reply));
    const byKind = (kind: string) => calls.map((c, i) => ({ ...c, r: replies[i]! })).filter((c) => c.kind === kind);

    expect(byKind('unique').map((c) => codeOf(c.r))).toEqual(unique.map(() => 0));
    expect(byKind('invalid').map((c) => codeOf(c.r))).toEqual([4220, 4220, 4220, 4220]);
    for (const orderNo of twice) {
      const pair = byKind('twice').filter((c) => c.orderNo === orderNo);
      expect(pair.map((c) => codeOf(c.r))).toEqual([0, 0]);
      expect(pair[0]!.r.response!.data).toEqual(pair[1]!.r.response!.data); // the original reply, twice
    }
    expect(
      byKind('conflict')
        .map((c) => codeOf(c.r))
        .sort(),
    ).toEqual([0, 4090]);

    const stored = await storedCounts([...unique, ...twice, conflicting]);
    for (const orderNo of [...unique, ...twice, conflicting])
      expect({ orderNo, ...stored.get(orderNo) }).toEqual({ orderNo, orders: 1, history: 1 });
    const [bad] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) n FROM work_order WHERE order_no LIKE ?', [`${run}-bad%`]);
    expect(Number(bad[0]!.n)).toBe(0);
    // The conflicting pair stored the content of the call that was answered 0.
    const winner = byKind('conflict').find((c) => codeOf(c.r) === 0)!;
    const [row] = await db.query<mysql.RowDataPacket[]>('SELECT id FROM work_order WHERE order_no = ?', [conflicting]);
    expect(row[0]!.id).toBe(winner.r.response!.data.workOrderId);

    // One operation-log entry and one status event per stored order: the outbox drains to exactly that.
    // Recorded under the orderNo (docs/design.md, the change recorder).
    const orders = [...unique, ...twice, conflicting];
    const audit = await stack.db('audit');
    try {
      await waitFor(async () => {
        const [n] = await audit.query<mysql.RowDataPacket[]>(
          `SELECT COUNT(*) n, COUNT(DISTINCT entity_id) d FROM operation_log WHERE entity = 'workorder' AND action = 'dispatch' AND entity_id IN (?)`,
          [orders],
        );
        return Number(n[0]!.n) === orders.length && Number(n[0]!.d) === orders.length;
      }, 30_000);
    } finally {
      await audit.end();
    }
  });

  it('stores nothing twice and loses nothing when its database connections are killed mid-burst', async () => {
    const run = randomUUID().slice(0, 8);
    const orderNos = Array.from({ length: 150 }, (_, i) => `${run}-k${i}`);
    const killer = await stack.db('audit'); // any connection with rights to KILL the service's
    let killed = 0;
    const killing = (async () => {
      for (let round = 0; round < 3; round++) {
        await new Promise((r) => setTimeout(r, 150));
        const [procs] = await killer.query<mysql.RowDataPacket[]>(
          'SELECT id FROM information_schema.processlist WHERE db = ? AND id <> ?',
          [
            `${stack.ns}_service`,
            db.threadId, // the test's own connection
          ],
        );
        for (const p of procs) {
          await killer.query(`KILL CONNECTION ${Number(p.id)}`).catch(() => undefined);
          killed++;
        }
      }
    })();
    const first = await Promise.all(orderNos.map((o) => dispatch(payload(o))));
    await killing;
    await killer.end();
    expect(killed).toBeGreaterThan(0);
    // Whatever failed is what EOMS retries; a retry of a stored one gets its original reply.
    const answered = new Map<string, string>();
    first.forEach((r, i) => {
      if (codeOf(r) === 0) answered.set(orderNos[i]!, r.response!.data.workOrderId);
    });
    for (const orderNo of orderNos) {
      const r = await waitFor(async () => {
        const reply = await dispatch(payload(orderNo));
        return codeOf(reply) === 0 ? reply : null;
      });
      if (answered.has(orderNo)) expect(r.response!.data.workOrderId).toBe(answered.get(orderNo));
    }
    const stored = await storedCounts(orderNos);
    for (const orderNo of orderNos) expect({ orderNo, ...stored.get(orderNo) }).toEqual({ orderNo, orders: 1, history: 1 });
  });
});
