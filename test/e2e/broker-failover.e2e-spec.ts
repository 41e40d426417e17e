import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { amqpAddresses } from '@crm/config';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/**
 * AMQP_URL as a list of cluster nodes (SPEC §5): every connection of every app takes the first
 * address that answers and moves on to the next when its node dies or goes silent. Three
 * forwarders in front of the one local broker stand for three nodes: two that the tests kill and
 * freeze, and a third that is frozen throughout — it accepts TCP connections and never answers, so
 * a reconnect that reaches it must give up after the connect timeout and try the next one. The
 * partner's calls go straight to the broker; every one must be answered and stored in the call log
 * exactly once.
 */
jest.setTimeout(180_000);

const BROKER = new URL(amqpAddresses(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672')[0]);
const PATTERN = 'auth.system.ping.v1';
let silent: TcpProxy;
let first: TcpProxy;
let second: TcpProxy;
let stack: Stack;
let client: RawClient;
let password: string;

function via(proxy: TcpProxy): string {
  const u = new URL(BROKER);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

beforeAll(async () => {
  const target = { host: BROKER.hostname, port: Number(BROKER.port || 5672) };
  first = await TcpProxy.start(target);
  second = await TcpProxy.start(target);
  silent = await TcpProxy.start(target);
  silent.freeze(); // accepts TCP connections and never answers, like a stopped node
  stack = await Stack.start({ apps: ['auth', 'audit'], amqpUrl: [first, second, silent].map(via).join(',') });
  password = await stack.createCaller('LOADGEN', [PATTERN]);
  client = await RawClient.connect();
}, 150_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
  for (const p of [silent, first, second]) await p?.close();
}, 60_000);

async function stored(prefix: string): Promise<{ rows: number; distinct: number }> {
  const db = await stack.db('audit');
  try {
    const [rows] = await db.query<any[]>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT request_id) AS d FROM call_log WHERE service = 'auth' AND request_id LIKE ?`,
      [`${prefix}%`],
    );
    return { rows: Number(rows[0].n), distinct: Number(rows[0].d) };
  } finally {
    await db.end();
  }
}

/** `n` calls, 8 at a time; `fault` runs once `at` of them are answered. Every call must be answered. */
async function burst(n: number, at: number, fault: () => void | Promise<void>): Promise<string> {
  const prefix = `fo-${randomUUID().slice(0, 8)}-`;
  let next = 0;
  let answered = 0;
  let injected: Promise<void> | undefined;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const r = await client.call(
        stack.queue('auth'),
        PATTERN,
        { caller: 'LOADGEN', password, requestId: `${prefix}${i}`, payload: {} },
        { timeoutMs: 90_000 },
      );
      expect(r.response?.code).toBe(0);
      if (++answered === at) injected = Promise.resolve(fault());
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await injected;
  expect(answered).toBe(n);
  return prefix;
}

async function storedExactlyOnce(prefix: string, n: number): Promise<void> {
  const final = await waitFor(
    async () => {
      const c = await stored(prefix);
      return c.rows >= n ? c : null;
    },
    60_000,
    250,
  );
  expect(final).toEqual({ rows: n, distinct: n });
}

describe('AMQP_URL with several addresses', () => {
  it('connects through the first address', async () => {
    const prefix = await burst(20, 1, () => undefined);
    await storedExactlyOnce(prefix, 20);
    expect(first.connections).toBeGreaterThanOrEqual(4); // the server and the client connection of both apps
    expect(second.connections).toBe(0);
    expect(stack.logs()).toContain(`"node":"127.0.0.1:${first.port}"`);
  });

  it('a node killed under load: every connection moves to the next address, no call lost or stored twice', async () => {
    const prefix = await burst(300, 50, () => first.kill());
    await storedExactlyOnce(prefix, 300);
    expect(first.connections).toBe(0);
    expect(second.connections).toBeGreaterThanOrEqual(4);
    for (const app of ['auth', 'audit'] as const) expect((await fetch(`${stack.url(app)}/health`)).status).toBe(200);
  });

  it('a node silent for longer than the heartbeat: connections give it up, skip the next silent one, no call lost or stored twice', async () => {
    await first.revive();
    // After `second` comes the silent address (given up after the connect timeout), then `first`.
    const prefix = await burst(300, 50, () => second.freeze());
    await storedExactlyOnce(prefix, 300);
    expect(first.connections).toBeGreaterThanOrEqual(4);
    second.thaw();
  });
});
