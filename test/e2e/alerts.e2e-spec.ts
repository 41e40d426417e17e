import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Alerts end to end (SPEC §4.3): failed authentications over raw AMQP reach the alert rules, one
 * alert per incident is stored and published as `audit.alert.raised.v1`, operators list and
 * acknowledge it (recorded), and an audit restart neither loses nor duplicates anything.
 */

jest.setTimeout(120_000);

let stack: Stack;
let client: RawClient;
let token: string;
let amqp: ChannelModel;
let ch: Channel;
const raised: any[] = [];
/** A webhook receiver that refuses its first delivery, so the retry path runs too. */
let hook: Server;
const hookBodies: Array<{ body: any; path: string; status: number }> = [];
const HOOK_TOKEN = 'hook-token-never-logged';
const PING = 'service.system.ping.v1';

async function api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url('audit')}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

async function failLogins(caller: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await client.call(stack.queue('service'), PING, { caller, password: `wrong-${i}`, requestId: `bad-${randomUUID()}` });
    expect(r.err?.code).toBe(4002);
  }
}

async function alertsOf(rule: string, subject: string): Promise<any[]> {
  const r = await api('GET', `/audit/alerts?rule=${rule}&limit=1000`);
  expect(r.status).toBe(200);
  return (r.body.items as any[]).filter((a) => a.subject === subject);
}

const raisedFor = (rule: string, subject: string) => raised.filter((e) => e.data.rule === rule && e.data.subject === subject);

beforeAll(async () => {
  hook = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      const status = hookBodies.length === 0 ? 503 : 204;
      hookBodies.push({ body: JSON.parse(text), path: req.url ?? '', status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/alerts?token=${HOOK_TOKEN}`;
  // Lockout far away, so the sixth failure is still a 4002 (the lock has a rule of its own).
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { CALLER_MAX_FAILURES: '100', AUDIT_ALERT_WEBHOOK_URL: hookUrl } });
  client = await RawClient.connect();
  amqp = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  ch = await amqp.createChannel();
  const q = await ch.assertQueue('', { exclusive: true });
  await ch.bindQueue(q.queue, `${stack.ns}.events`, 'audit.alert.raised.v1');
  await ch.consume(q.queue, (m) => m && raised.push(JSON.parse(m.content.toString())), { noAck: true });
  token = await stack.adminToken();
}, 120_000);

afterAll(async () => {
  hook?.close();
  await ch?.close().catch(() => undefined);
  await amqp?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('alerts', () => {
  let bruteForce: any;

  it('five failed logins by one caller give exactly one alert, published once; a sixth adds an occurrence', async () => {
    await failLogins('MALLORY', 4);
    await failLogins('MALLORY', 1);
    const [alert] = await until(
      'one auth-failures alert',
      () => alertsOf('auth-failures', 'MALLORY'),
      (a) => a.length > 0,
    );
    expect(alert).toMatchObject({ status: 'open', severity: 'critical', occurrences: 1, details: { failures: 5, threshold: 5 } });
    await until(
      'the raised event',
      async () => raisedFor('auth-failures', 'MALLORY'),
      (e) => e.length > 0,
    );
    expect(raisedFor('auth-failures', 'MALLORY')[0]).toEqual({
      pattern: 'audit.alert.raised.v1',
      data: expect.objectContaining({
        alertId: alert.id,
        eventId: alert.id,
        rule: 'auth-failures',
        subject: 'MALLORY',
        severity: 'critical',
      }),
    });

    await failLogins('MALLORY', 1);
    const after = await until(
      'a second occurrence',
      () => alertsOf('auth-failures', 'MALLORY'),
      (a) => a[0]?.occurrences === 2,
    );
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe(alert.id);
    await until(
      'published flag',
      () => alertsOf('auth-failures', 'MALLORY'),
      (a) => a[0]?.published === true,
    );
    expect(raisedFor('auth-failures', 'MALLORY')).toHaveLength(1);
    bruteForce = after[0];
  });

  it('posts the alert to the webhook, retrying after a refusal, and never logs the URL', async () => {
    const deliveries = await until(
      'a refused and a retried delivery of the MALLORY alert',
      async () => hookBodies.filter((h) => h.body.data.subject === 'MALLORY'),
      (h) => h.length >= 2,
      20_000,
    );
    expect(deliveries.map((d) => d.status)).toEqual([503, 204]);
    expect(deliveries[1].body).toEqual({
      pattern: 'audit.alert.raised.v1',
      data: expect.objectContaining({ rule: 'auth-failures', subject: 'MALLORY', eventId: expect.any(String) }),
    });
    expect(deliveries[1].path).toContain(HOOK_TOKEN);
    expect(stack.logs()).toContain('alert webhook answered an error');
    expect(stack.logs()).not.toContain(HOOK_TOKEN);
  });

  it('a disabled caller using its credential raises its alert', async () => {
    const pw = await stack.createCaller('RETIRED', [PING]);
    expect((await client.call(stack.queue('service'), PING, { caller: 'RETIRED', password: pw })).response?.code).toBe(0);
    expect((await stack.cli(['caller', 'disable', 'RETIRED'])).code).toBe(0);
    await waitFor(
      async () => (await client.call(stack.queue('service'), PING, { caller: 'RETIRED', password: pw })).err?.code === 4003,
      5000,
      50,
    );
    const [alert] = await until(
      'caller-disabled-use alert',
      () => alertsOf('caller-disabled-use', 'RETIRED'),
      (a) => a.length > 0,
    );
    expect(alert).toMatchObject({ status: 'open', details: { code: 4003, service: 'service', pattern: PING } });
    await until(
      'its raised event',
      async () => raisedFor('caller-disabled-use', 'RETIRED'),
      (e) => e.length === 1,
    );
    // The secret never reaches the alert store.
    expect(await stack.dumpAllTables()).not.toContain(pw);
  });

  it('filters by status, rule and severity, and pages with the cursor', async () => {
    const critical = await api('GET', '/audit/alerts?severity=critical');
    expect(critical.body.items.map((a: any) => a.rule)).toEqual(['auth-failures']);
    const first = await api('GET', '/audit/alerts?status=open&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api('GET', `/audit/alerts?status=open&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const bad = await api('GET', '/audit/alerts?status=closed&cursor=x');
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe(4220);
  });

  it('acknowledging closes the incident, is recorded in the operation log, and cannot happen twice', async () => {
    const ack = await api('POST', `/audit/alerts/${bruteForce.id}/ack`, { note: 'partner fixed its password' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      id: bruteForce.id,
      status: 'acknowledged',
      note: 'partner fixed its password',
      acknowledgedBy: expect.stringMatching(/^E/),
    });
    const again = await api('POST', `/audit/alerts/${bruteForce.id}/ack`, {});
    expect(again).toEqual({ status: 409, body: expect.objectContaining({ code: 4090 }) });
    expect((await api('POST', `/audit/alerts/${randomUUID()}/ack`, {})).body.code).toBe(4040);
    const recorded = await until(
      'the acknowledgement in the operation log',
      async () => (await api('GET', `/audit/operations?entity=alert&entityId=${bruteForce.id}`)).body.items as any[],
      (items) => items.length > 0,
    );
    expect(recorded[0]).toMatchObject({
      service: 'audit',
      actorType: 'employee',
      action: 'acknowledge',
      changes: expect.arrayContaining([{ field: 'note', old: null, new: 'partner fixed its password' }]),
    });
    expect((await api('GET', '/audit/alerts?status=acknowledged')).body.items.map((a: any) => a.id)).toContain(bruteForce.id);
  });

  it('survives an audit restart without duplicates: events that arrive meanwhile add to the open alert', async () => {
    await failLogins('TRUDY', 5);
    const [alert] = await until(
      'TRUDY alert',
      () => alertsOf('auth-failures', 'TRUDY'),
      (a) => a.length > 0,
    );
    await until(
      'TRUDY raised',
      async () => raisedFor('auth-failures', 'TRUDY'),
      (e) => e.length === 1,
    );
    await stack.killApp('audit');
    await failLogins('TRUDY', 2);
    // Call events wait for audit on the call log's queue only: the alert rules read them from the
    // stored log, the alert feed carries no copy of them.
    expect((await ch.checkQueue(`${stack.ns}.audit.calls`)).messageCount).toBeGreaterThanOrEqual(2);
    expect((await ch.checkQueue(`${stack.ns}.audit.alert-feed`)).messageCount).toBe(0);
    await stack.startApp('audit');
    const after = await until(
      'occurrences after restart',
      () => alertsOf('auth-failures', 'TRUDY'),
      (a) => a[0]?.occurrences >= 3,
      30_000,
    );
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: alert.id, occurrences: 3 });
    // The acknowledged alert is still there, and nothing was raised twice.
    expect((await api('GET', `/audit/alerts?rule=auth-failures&status=acknowledged`)).body.items.map((a: any) => a.id)).toEqual([
      bruteForce.id,
    ]);
    expect(raisedFor('auth-failures', 'TRUDY')).toHaveLength(1);
    const db = await stack.db('audit');
    try {
      const [rows] = await db.query<any[]>("SELECT COUNT(*) AS n FROM alert WHERE rule = 'auth-failures'");
      expect(Number(rows[0].n)).toBe(2);
    } finally {
      await db.end();
    }
  });

  it('counts every call once, read from the call log: the counters hold each failure, the cursor reaches the end of the log', async () => {
    await failLogins('OSCAR', 7);
    // The fifth failure raises the alert, the sixth and seventh add an occurrence each.
    const [alert] = await until(
      'OSCAR alert with three occurrences',
      () => alertsOf('auth-failures', 'OSCAR'),
      (a) => a[0]?.occurrences === 3,
    );
    expect(alert.details).toMatchObject({ failures: 7, threshold: 5 });
    const db = await stack.db('audit');
    try {
      const [hits] = await db.query<any[]>("SELECT SUM(hits) AS n FROM alert_counter WHERE counter = 'auth-failure' AND subject = 'OSCAR'");
      expect(Number(hits[0].n)).toBe(7);
      await until(
        'the cursor at the last stored call',
        async () =>
          (
            await db.query<any[]>(
              "SELECT (SELECT seq FROM alert_cursor WHERE name = 'call_log') AS read_to, (SELECT MAX(seq) FROM call_log) AS last",
            )
          )[0][0],
        (r) => r.read_to !== null && String(r.read_to) === String(r.last),
      );
    } finally {
      await db.end();
    }
  });

  it('turns purges, overdue access reviews and expiring credentials published by others into alerts', async () => {
    const publish = (pattern: string, data: object) =>
      // Sealed as the apps seal their events (audit refuses unsealed ones as forged).
      ch.publish(
        `${stack.ns}.events`,
        pattern,
        stack.sealedEvent(pattern, { eventId: randomUUID(), occurredAt: new Date().toISOString(), ...data }),
        { persistent: true },
      );
    publish('audit.log.purged.v1', { log: 'calls', before: '2026-01-01T00:00:00.000Z', rows: 1200, forced: true, employeeId: 'E100007' });
    publish('auth.access-review.overdue.v1', { employeeId: 'E100009' });
    publish('auth.caller.expiring.v1', { caller: 'EOMS', expiresAt: '2026-12-01T00:00:00.000Z' });
    ch.publish(`${stack.ns}.events`, 'audit.log.purged.v1', stack.sealedEvent('audit.log.purged.v1', { rows: 1 }), { persistent: true });
    const [purge] = await until(
      'the purge alert',
      () => alertsOf('log-purged', 'calls before 2026-01-01T00:00:00.000Z'),
      (a) => a.length > 0,
    );
    expect(purge).toMatchObject({ severity: 'critical', details: { rows: 1200, forced: true, employeeId: 'E100007' } });
    expect(purge.title).toContain('forced');
    await until(
      'the overdue review alert',
      () => alertsOf('access-review-overdue', 'E100009'),
      (a) => a.length === 1,
    );
    await until(
      'the expiring credential alert',
      () => alertsOf('credential-expiring', 'EOMS'),
      (a) => a.length === 1,
    );
    // The malformed purge event went to the feed's own dead-letter queue, not into an alert.
    await until(
      'the dead-lettered event',
      () => ch.checkQueue(`${stack.ns}.audit.alert-feed.dead`),
      (q) => q.messageCount === 1,
    );
  });

  it('needs audit.read to list and audit.alert.ack to acknowledge', async () => {
    // A role that may read the audit logs but not acknowledge alerts.
    const db = await stack.db('auth');
    try {
      await db.query("INSERT INTO role (name, description, two_factor_required) VALUES ('audit-viewer', 'reads audit logs', 0)");
      await db.query("INSERT INTO role_permission (role_name, permission_name) VALUES ('audit-viewer', 'audit.read')");
    } finally {
      await db.end();
    }
    const [sales, viewer] = await Promise.all([stack.employee(['sales']), stack.employee(['audit-viewer'])]);
    const as = (bearer: string | null, method = 'GET', path = '/audit/alerts') =>
      fetch(`${stack.url('audit')}${path}`, {
        method,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
    expect((await as(null)).status).toBe(401);
    expect((await as(sales.token)).status).toBe(403);
    expect((await as(viewer.token)).status).toBe(200);
    const open = (await api('GET', '/audit/alerts?status=open&rule=caller-disabled-use')).body.items[0];
    const denied = await as(viewer.token, 'POST', `/audit/alerts/${open.id}/ack`);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as any).code).toBe(4030);
  });
});

describe('GET /audit/calls/:id', () => {
  it('answers one call with its other legs and its operation-log entries', async () => {
    const eoms = await stack.createCaller('EOMS', ['service.workorder.dispatch.v1']);
    const requestId = `detail-${randomUUID()}`;
    const orderNo = `ALERT-${Date.now()}`;
    const reply = await client.call(stack.queue('service'), 'service.workorder.dispatch.v1', {
      caller: 'EOMS',
      password: eoms,
      requestId,
      payload: {
        orderNo,
        type: 'fault',
        title: 'No dial tone',
        description: 'since 08:00',
        priority: 'high',
        customer: { accountNo: 'ACC-1', name: 'Li Lei', phone: '+86 138 0000 0000' },
        deadline: '2026-12-01T12:00:00Z',
        dispatchedAt: '2026-11-23T08:00:00Z',
      },
    });
    expect(reply.response?.code).toBe(0);
    const items = await until(
      'the dispatch call and its operation entry',
      async () => {
        const calls = (await api('GET', `/audit/calls?requestId=${requestId}`)).body.items as any[];
        const ops = (await api('GET', `/audit/operations?entity=workorder&entityId=${orderNo}`)).body.items as any[];
        return calls.length > 0 && ops.length > 0 ? calls : [];
      },
      (c) => c.length > 0,
    );
    const detail = await api('GET', `/audit/calls/${items[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.call).toMatchObject({ id: items[0].id, requestId, caller: 'EOMS', code: 0 });
    expect(detail.body.operations).toEqual([expect.objectContaining({ action: 'dispatch', requestId })]);
    expect(Array.isArray(detail.body.related)).toBe(true);
    expect(await api('GET', `/audit/calls/${randomUUID()}`)).toEqual({ status: 404, body: expect.objectContaining({ code: 4040 }) });
    expect((await api('GET', '/audit/calls/..%2F..%2Fetc')).body.code).toBe(4040);
  });
});
