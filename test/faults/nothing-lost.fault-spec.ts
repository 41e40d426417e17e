import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type ConfirmChannel, type ChannelModel } from 'amqplib';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';
import { faultOrder } from '../support/eoms-orders.js';

/**
 * SPEC §4.1 under faults: the audit app killed mid-burst, the service app killed mid-burst of EOMS
 * dispatches (group commit in flight), and the broker restarted mid-burst. Every accepted call must
 * end up in the call log exactly once.
 */
jest.setTimeout(300_000);

let stack: Stack;
let password: string;
let eomsPassword: string;
const PATTERN = 'marketing.system.ping.v1';
const DISPATCH = 'service.workorder.dispatch.v1';

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'marketing', 'service', 'audit'] });
  password = await stack.createCaller('LOADGEN', [PATTERN]);
  eomsPassword = await stack.createCaller('EOMS', ['service.workorder.*']);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

async function storedCounts(prefix: string): Promise<{ rows: number; distinct: number }> {
  const db = await stack.db('audit');
  try {
    const [rows] = await db.query<any[]>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT request_id) AS d FROM call_log WHERE service = 'marketing' AND request_id LIKE ?`,
      [`${prefix}%`],
    );
    return { rows: Number(rows[0].n), distinct: Number(rows[0].d) };
  } finally {
    await db.end();
  }
}

describe('nothing is lost', () => {
  it('audit app killed during a burst of 2,000 calls: every call stored exactly once after restart', async () => {
    const client = await RawClient.connect();
    const prefix = `burst-${randomUUID().slice(0, 8)}-`;
    const N = 2000;
    let next = 0;
    let answered = 0;
    let killed: Promise<void> | undefined;
    const worker = async () => {
      while (next < N) {
        const i = next++;
        const r = await client.call(
          stack.queue('marketing'),
          PATTERN,
          { caller: 'LOADGEN', password, requestId: `${prefix}${i}`, payload: {} },
          { timeoutMs: 30_000 },
        );
        expect(r.response?.code).toBe(0);
        answered++;
        if (answered === 300) killed = stack.killApp('audit', 'SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    await killed;
    expect(answered).toBe(N);
    // Events published while audit was down wait in its durable queue.
    const mid = await storedCounts(prefix);
    expect(mid.rows).toBeLessThan(N);
    await stack.startApp('audit');
    const final = await waitFor(
      async () => {
        const c = await storedCounts(prefix);
        return c.rows >= N ? c : null;
      },
      60_000,
      250,
    );
    expect(final).toEqual({ rows: N, distinct: N });
    await client.close();
  });

  it('service app killed during a burst of 2,000 dispatches: every order stored once, each with one call event', async () => {
    const client = await RawClient.connect();
    const prefix = `kill-${randomUUID().slice(0, 8)}-`;
    const N = 2000;
    let next = 0;
    const answered = new Set<string>();
    const failed: string[] = [];
    let killed: Promise<void> | undefined;
    const worker = async () => {
      while (next < N) {
        const orderNo = `${prefix}${next++}`;
        // Long enough to outlive the restart: the request waits in the service's queue meanwhile.
        const r = await client.call(
          stack.queue('service'),
          DISPATCH,
          { caller: 'EOMS', password: eomsPassword, requestId: orderNo, payload: faultOrder(orderNo) },
          { timeoutMs: 120_000 },
        );
        if (r.response?.code === 0) answered.add(orderNo);
        else failed.push(`${orderNo}: ${JSON.stringify(r.response ?? r.err)}`);
        // Killed with batches in flight: some committed and not yet acked, some not yet committed.
        if (answered.size === 300 && !killed) killed = stack.killApp('service', 'SIGKILL').then(() => stack.startApp('service'));
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    await killed;
    await client.close();
    expect(failed).toEqual([]);
    expect(answered.size).toBe(N);

    const service = await stack.db('service');
    const audit = await stack.db('audit');
    try {
      const counts = await waitFor(
        async () => {
          const [[w]] = await service.query<any[]>(
            'SELECT COUNT(*) AS n, COUNT(DISTINCT order_no) AS d FROM work_order WHERE order_no LIKE ?',
            [`${prefix}%`],
          );
          // Every call the service answered 0, once per order: redeliveries after the kill are deduplicated by the event id.
          const [[c]] = await audit.query<any[]>(
            `SELECT COUNT(*) AS n, COUNT(DISTINCT request_id) AS d FROM call_log
              WHERE service = 'service' AND pattern = ? AND request_id LIKE ? AND code = 0`,
            [DISPATCH, `${prefix}%`],
          );
          const now = { orders: Number(w.n), distinctOrders: Number(w.d), okCalls: Number(c.n), distinctOkCalls: Number(c.d) };
          return now.okCalls >= N ? now : null;
        },
        120_000,
        500,
      );
      expect(counts).toEqual({ orders: N, distinctOrders: N, okCalls: N, distinctOkCalls: N });
    } finally {
      await service.end();
      await audit.end();
    }
  });

  it('RabbitMQ restarted during a burst: every confirmed call stored exactly once', async () => {
    const prefix = `mq-${randomUUID().slice(0, 8)}-`;
    const N = 2000;
    const confirmed = new Set<number>();
    const body = (i: number) =>
      Buffer.from(
        JSON.stringify({
          pattern: PATTERN,
          id: `${prefix}${i}`,
          data: { caller: 'LOADGEN', password, requestId: `${prefix}${i}`, payload: {} },
        }),
      );

    // One-way calls (no reply_to): the publisher's confirm is the broker taking responsibility.
    const publishAll = async (indexes: number[]) => {
      let conn: ChannelModel | undefined;
      try {
        conn = await amqplib.connect(stack.env.AMQP_URL!, { noDelay: true });
        const ch: ConfirmChannel = await conn.createConfirmChannel();
        await Promise.all(
          indexes.map(
            (i) =>
              new Promise<void>((resolve) => {
                try {
                  ch.sendToQueue(stack.queue('marketing'), body(i), { persistent: true }, (err) => {
                    if (!err) confirmed.add(i);
                    resolve();
                  });
                } catch {
                  resolve();
                }
              }),
          ),
        );
        await conn.close().catch(() => undefined);
      } catch {
        await conn?.close().catch(() => undefined);
      }
    };

    const all = Array.from({ length: N }, (_, i) => i);
    const first = publishAll(all.slice(0, 1000));
    await new Promise((r) => setTimeout(r, 150));
    execFileSync('rabbitmqctl', ['stop_app'], { stdio: 'ignore' });
    execFileSync('rabbitmqctl', ['start_app'], { stdio: 'ignore' });
    await first;
    // The partner's duty: re-publish what the broker did not confirm (same id: stored once).
    await waitFor(
      async () => {
        await publishAll(all.filter((i) => !confirmed.has(i)));
        return confirmed.size === N;
      },
      60_000,
      500,
    );

    const final = await waitFor(
      async () => {
        const c = await storedCounts(prefix);
        return c.rows >= N ? c : null;
      },
      120_000,
      500,
    );
    expect(final).toEqual({ rows: N, distinct: N });
    // And the apps are healthy again without a restart.
    for (const app of ['auth', 'marketing', 'service', 'audit'] as const) {
      await waitFor(async () => (await fetch(`${stack.url(app)}/health`)).status === 200, 30_000);
    }
  });
});
