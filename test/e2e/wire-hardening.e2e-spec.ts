import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { assertTopology, deadQueueOptions, topologyNames, type DeadQueueBounds } from '@crm/messaging';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Issue 8, finding 5 ("smaller holes"), each reproduced the way the probe did it, against the
 * running apps, the real broker and database: formula cells in the CSV export, oversized and
 * deeply nested bodies, metric labels from unknown patterns, unbounded dead-letter queues (and
 * upgrading an installation whose dead queues have no bound), a reply_to naming one of our own
 * queues, HTTP headers and a forged Host header.
 */

jest.setTimeout(180_000);

const PING = 'service.system.ping.v1';
const DEAD_BOUND = 20;
let stack: Stack;
let client: RawClient;
let token: string;
let partnerPassword: string;

async function audit(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${stack.url('audit')}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
}

async function callRow(requestId: string): Promise<any> {
  return until(
    `the call log row of ${requestId}`,
    async () =>
      ((await (await audit(`/audit/calls?service=service&requestId=${encodeURIComponent(requestId)}`)).json()) as { items: any[] }).items,
    (items) => items.length === 1,
    30_000,
  ).then((items) => items[0]);
}

async function ping(requestId = `ping-${randomUUID()}`): Promise<number> {
  const reply = await client.call(stack.queue('service'), PING, { caller: 'HARDENING-PARTNER', password: partnerPassword, requestId });
  return reply.response ? reply.response.code : reply.err!.code;
}

/** A GET with any Host header (fetch does not let a caller forge it). */
function rawGet(
  url: string,
  host: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  stack = await Stack.start({
    apps: ['auth', 'service', 'audit'],
    env: {
      CALLER_MAX_FAILURES: '1000',
      DEAD_QUEUE_MAX_MESSAGES: String(DEAD_BOUND),
      ALERT_DEAD_QUEUE_DEPTH: '5',
      ALERT_INGEST_CHECK_SECONDS: '1',
    },
  });
  client = await RawClient.connect();
  partnerPassword = await stack.createCaller('HARDENING-PARTNER', [PING]);
  token = await stack.adminToken();
}, 180_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('CSV export and formula injection', () => {
  const HYPERLINK = '=HYPERLINK("http://evil.example","x")';
  const CMD = '+cmd|calc!A0';

  it('neutralises formula cells sent by unauthenticated callers, and raw=1 keeps the stored bytes', async () => {
    const requestId = `csv-${randomUUID()}`;
    expect((await client.call(stack.queue('service'), PING, { caller: HYPERLINK, password: 'nope', requestId })).err?.code).toBe(4002);
    expect((await client.call(stack.queue('service'), PING, { caller: 'CSV-PROBE', password: 'nope', requestId: CMD })).err?.code).toBe(
      4002,
    );
    await callRow(requestId);
    await callRow(CMD);
    const range = `&from=${new Date(Date.now() - 600_000).toISOString()}&to=${new Date(Date.now() + 600_000).toISOString()}`;
    const csv = await (await audit(`/audit/export?log=calls&format=csv&service=service${range}`)).text();
    const lines = csv.trim().split('\n');
    const byCaller = lines.find((l) => l.includes(requestId))!;
    expect(byCaller).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    const byRequestId = lines.find((l) => l.includes('CSV-PROBE'))!;
    expect(byRequestId).toContain(`,'+cmd|calc!A0,`);
    // No cell of the file starts a formula.
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);

    const raw = await (await audit(`/audit/export?log=calls&format=csv&raw=1&service=service${range}`)).text();
    expect(raw).toContain(`,"=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(raw).toContain(`,+cmd|calc!A0,`);
    // The choice is part of the recorded export.
    await until(
      'the raw export in the operation log',
      async () => ((await (await audit('/audit/operations?entity=call-log&action=export&limit=10')).json()) as { items: any[] }).items,
      (items) => items.some((o) => JSON.stringify(o.changes).includes('"raw"')),
      30_000,
    );
  });
});

describe('message size and nesting limits', () => {
  it('answers a 10,000-deep payload 4000 with a clear message, audits it, and keeps consuming', async () => {
    const requestId = `deep-${randomUUID()}`;
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const body = `{"pattern":"${PING}","id":"${requestId}","data":{"caller":"HARDENING-PARTNER","password":"${partnerPassword}","requestId":"${requestId}","payload":${deep}}}`;
    const reply = await client.sendRaw(stack.queue('service'), body);
    expect(reply.err).toEqual({ code: 4000, message: 'malformed message: body is nested deeper than 32 levels' });
    expect(await ping()).toBe(0);
    const rows = await until(
      'the refused call in the call log',
      async () => ((await (await audit('/audit/calls?service=service&code=4000&limit=100')).json()) as { items: any[] }).items,
      (items) => items.some((i) => i.message === 'malformed message: body is nested deeper than 32 levels'),
      30_000,
    );
    expect(JSON.stringify(rows)).not.toContain(partnerPassword);
  });

  it('answers a 5 MB payload 4000 before parsing it, and keeps consuming', async () => {
    const requestId = `big-${randomUUID()}`;
    const body = JSON.stringify({
      pattern: PING,
      id: requestId,
      data: { caller: 'HARDENING-PARTNER', password: partnerPassword, requestId, payload: { blob: 'x'.repeat(5 * 1024 * 1024) } },
    });
    const reply = await client.sendRaw(stack.queue('service'), body, 20_000);
    expect(reply.err).toEqual({
      code: 4000,
      message: `malformed message: body is ${Buffer.byteLength(body)} bytes, more than the 1048576 allowed`,
    });
    expect(await ping()).toBe(0);
  });
});

describe('reply_to naming one of our own queues', () => {
  it('writes no reply into <ns>.audit.calls and records the call as refused', async () => {
    const requestId = `reply-${randomUUID()}`;
    const auditCalls = `${stack.ns}.audit.calls`;
    const auditDead = `${stack.ns}.audit.dead`;
    expect((await client.ch.checkQueue(auditDead)).messageCount).toBe(0);
    client.ch.sendToQueue(
      stack.queue('service'),
      Buffer.from(
        JSON.stringify({ pattern: PING, id: requestId, data: { caller: 'HARDENING-PARTNER', password: partnerPassword, requestId } }),
      ),
      {
        replyTo: auditCalls,
        correlationId: requestId,
        persistent: true,
        contentType: 'application/json',
      },
    );
    const row = await callRow(requestId);
    expect(row).toMatchObject({ code: 4000, ok: false, message: 'malformed message: reply_to names a queue of this installation' });
    // A reply in <ns>.audit.calls is not a call event: audit would dead-letter it to <ns>.audit.dead.
    // Give it time to arrive after the call event (the reply is sent after the ack).
    await new Promise((r) => setTimeout(r, 1500));
    expect((await client.ch.checkQueue(auditDead)).messageCount).toBe(0);
    // Replies to the caller's own queue still work.
    expect(await ping()).toBe(0);
  });
});

describe('metrics cardinality and dead-letter bounds', () => {
  it('2,000 unique bad patterns leave /metrics small; the dead queue stops at its bound and raises an alert', async () => {
    const metrics = async () => (await fetch(`${stack.url('service')}/metrics`)).text();
    const before = await metrics();
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 1000; i++) {
      // pattern but no data: malformed (4000); and a well-formed call to a pattern nobody handles (4040)
      client.ch.sendToQueue(stack.queue('service'), Buffer.from(JSON.stringify({ pattern: `junk.${tag}.a${i}` })), { persistent: true });
      client.ch.sendToQueue(stack.queue('service'), Buffer.from(JSON.stringify({ pattern: `junk.${tag}.b${i}`, data: {} })), {
        persistent: true,
      });
    }
    const counted = (text: string, code: number) =>
      Number(new RegExp(`crm_calls_total\\{[^}]*pattern="unknown"[^}]*code="${code}"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0);
    const after = await until('2,000 bad calls counted', metrics, (t) => counted(t, 4000) >= 1000 && counted(t, 4040) >= 1000, 60_000);
    expect(after).not.toContain(tag);
    const series = (t: string) => t.split('\n').filter((l) => l.startsWith('crm_calls_total{')).length;
    expect(series(after) - series(before)).toBeLessThanOrEqual(2);
    expect(after.length).toBeLessThan(before.length + 20_000);

    const dead = `${stack.ns}.service.dead`;
    expect((await client.ch.checkQueue(dead)).messageCount).toBe(DEAD_BOUND);
    const alert = await until(
      'the dead-letters alert',
      async () => ((await (await audit('/audit/alerts?rule=dead-letters')).json()) as { items: any[] }).items,
      (items) => items.some((a) => a.subject === dead && a.severity === 'critical'),
      30_000,
    );
    expect(alert.find((a) => a.subject === dead).details).toMatchObject({ maxMessages: DEAD_BOUND });
    expect(await ping()).toBe(0);
  });
});

describe('HTTP headers', () => {
  it('every app answers with nosniff, no X-Powered-By and Cache-Control: no-store', async () => {
    for (const app of ['auth', 'service', 'audit'] as const) {
      const res = await fetch(`${stack.url(app)}/health`);
      expect({
        app,
        nosniff: res.headers.get('x-content-type-options'),
        poweredBy: res.headers.get('x-powered-by'),
        cache: res.headers.get('cache-control'),
      }).toEqual({
        app,
        nosniff: 'nosniff',
        poweredBy: null,
        cache: 'no-store',
      });
    }
    const calls = await audit('/audit/calls?limit=1');
    expect(calls.status).toBe(200);
    expect(calls.headers.get('cache-control')).toBe('no-store');
    expect(calls.headers.get('x-powered-by')).toBeNull();
    const refused = await fetch(`${stack.url('audit')}/audit/calls`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('the console keeps its own strict CSP; its static files may be cached (revalidated)', async () => {
    const res = await fetch(`${stack.url('audit')}/console/app.js`);
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${stack.url('auth')}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a forged Host header is reflected neither in config.json nor in the CSP', async () => {
    for (const host of ['evil.example', `evil.example:${new URL(stack.url('auth')).port}`]) {
      const settings = await rawGet(`${stack.url('audit')}/console/config.json`, host);
      expect(settings.status).toBe(200);
      expect(JSON.parse(settings.body)).toEqual({ authUrl: stack.url('auth') });
      expect(settings.headers['cache-control']).toBe('no-store');
      const page = await rawGet(`${stack.url('audit')}/console`, host);
      expect(String(page.headers['content-security-policy'])).not.toContain('evil');
      expect(String(page.headers['content-security-policy'])).toContain(`connect-src 'self' ${stack.url('auth')};`);
    }
  });
});

describe('dead-letter queues of an existing installation (redeclare path)', () => {
  const ns = `t_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const quorumNs = `t_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const bounds: DeadQueueBounds = { maxMessages: 3, maxBytes: 1024 * 1024 };
  let conn: ChannelModel;

  async function channel(): Promise<Channel> {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    return ch;
  }

  beforeAll(async () => {
    conn = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  });

  afterAll(async () => {
    for (const n of [ns, quorumNs]) {
      const { queues, exchanges } = topologyNames(n);
      for (const q of queues) {
        const ch = await channel();
        await ch.deleteQueue(q).catch(() => undefined);
        await ch.close().catch(() => undefined);
      }
      const ch = await channel();
      for (const x of exchanges) await ch.deleteExchange(x).catch(() => undefined);
      await ch.close().catch(() => undefined);
    }
    await conn.close();
  });

  it('starts over queues an older version declared without bounds: empty ones are bounded, a non-empty one is kept', async () => {
    // What the previous version declared: durable, no arguments.
    const old = await channel();
    await old.assertQueue(`${ns}.service.dead`, { durable: true });
    await old.assertQueue(`${ns}.auth.dead`, { durable: true });
    old.sendToQueue(`${ns}.auth.dead`, Buffer.from('kept'), { persistent: true });
    await old.close();
    // Redeclaring with bounds on the same queue is what RabbitMQ refuses.
    const probe = await channel();
    await expect(probe.assertQueue(`${ns}.service.dead`, deadQueueOptions('classic', bounds))).rejects.toThrow(/PRECONDITION_FAILED/);

    const main = await channel();
    await assertTopology(main, ns, 'classic', bounds, conn);
    // The main channel survived and the whole topology is there.
    expect((await main.checkQueue(`${ns}.service`)).messageCount).toBe(0);
    // The empty old queue was replaced by a bounded one: equal arguments are accepted, and it holds at most 3.
    await main.assertQueue(`${ns}.service.dead`, deadQueueOptions('classic', bounds));
    for (let i = 0; i < 5; i++) main.publish(`${ns}.dlx`, `${ns}.service`, Buffer.from(`dead ${i}`), { persistent: true });
    await until(
      'the bounded dead queue',
      () => main.checkQueue(`${ns}.service.dead`),
      (q) => q.messageCount === 3,
    );
    // The non-empty one keeps its message (and its old arguments) until an operator deals with it.
    expect((await main.checkQueue(`${ns}.auth.dead`)).messageCount).toBe(1);
    // Running again (every reconnect does) changes nothing and does not fail.
    await assertTopology(main, ns, 'classic', bounds, conn);
    expect((await main.checkQueue(`${ns}.auth.dead`)).messageCount).toBe(1);
    expect((await main.checkQueue(`${ns}.service.dead`)).messageCount).toBe(3);
    await main.close();
  });

  it('keeps an unbounded quorum dead queue (no ifEmpty delete there) and still declares everything else', async () => {
    const old = await channel();
    await old.assertQueue(`${quorumNs}.service.dead`, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await old.close();
    const main = await channel();
    await assertTopology(main, quorumNs, 'quorum', bounds, conn);
    expect((await main.checkQueue(`${quorumNs}.service`)).messageCount).toBe(0);
    // The others are quorum queues with their bounds: an identical declaration is accepted, one without them refused.
    await main.assertQueue(`${quorumNs}.auth.dead`, deadQueueOptions('quorum', bounds));
    // A quorum queue applies the bound once it is over it: sent one by one, at most one message more is kept.
    for (let i = 0; i < 8; i++) {
      main.publish(`${quorumNs}.dlx`, `${quorumNs}.auth`, Buffer.from(`dead ${i}`), { persistent: true });
      await until(
        'the dead letter counted',
        () => main.checkQueue(`${quorumNs}.auth.dead`),
        (q) => q.messageCount >= Math.min(i + 1, bounds.maxMessages),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await main.checkQueue(`${quorumNs}.auth.dead`)).messageCount).toBeLessThanOrEqual(bounds.maxMessages + 1);
    await main.close();
    const probe = await channel();
    await expect(probe.assertQueue(`${quorumNs}.auth.dead`, { durable: true, arguments: { 'x-queue-type': 'quorum' } })).rejects.toThrow(
      /PRECONDITION_FAILED/,
    );
  });
});
