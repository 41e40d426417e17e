import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import amqplib, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import mysql from 'mysql2/promise';
import { loadConfig, type CrmConfig } from '@crm/config';
import { CALL_RECORDED_V1, names, type CallEvent } from '@crm/contracts';
import { buildCallEvent, newCallEventId, topologyNames } from '@crm/messaging';
import { dropDatabase } from '@crm/persistence';
import { bootstrapCrmApp } from '@crm/runtime';
import { ACCESS_TOKEN_ISSUER, accessTokenKey, EventMac } from '@crm/security';
import { AuditModule, loadAuditConfig } from '../../apps/audit/src/testing.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * The audit app against the real broker and database, isolated by its own namespace: call events
 * published with plain amqplib (as any producer would) are stored once, malformed ones are
 * dead-lettered, and `GET /audit/calls` answers operators with the SPEC §5.1 contract.
 */
// Auth runs as a child process (operators' tokens are checked against it); audit runs in-process
// under the same namespace so the test can stop and restart it.
let stack: Stack;
let ns: string;
let env: NodeJS.ProcessEnv;
let readerToken: string;
let salesToken: string;
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const databaseUrl = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';

let config: CrmConfig;
let app: INestApplication | null = null;
let baseUrl: string;
let conn: ChannelModel;
let ch: ConfirmChannel;
let db: mysql.Connection;
let jwt: JwtService;

const boot = async () => {
  app = await bootstrapCrmApp({ app: 'audit', appConfig: loadAuditConfig, module: (c, a) => AuditModule.register(c, a), env, httpPort: 0 });
  baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
};

let n = 0;
function callEvent(o: Partial<Omit<CallEvent, 'ok' | 'at'>> & { at?: Date } = {}): CallEvent {
  n += 1;
  const key = `${ns}-${n}`;
  return buildCallEvent({
    id: newCallEventId(),
    direction: 'inbound',
    service: 'service',
    caller: 'EOMS',
    callee: 'service',
    pattern: 'service.workorder.dispatch.v1',
    requestId: key,
    actor: null,
    code: 0,
    durationMs: 2.25,
    message: null,
    source: null,
    ...o,
  });
}

async function publish(...bodies: Array<Buffer | object>): Promise<void> {
  for (const b of bodies) {
    // Sealed with the installation's key, as the apps do (audit refuses anything else).
    const content = Buffer.isBuffer(b)
      ? b
      : Buffer.from(JSON.stringify({ pattern: CALL_RECORDED_V1, data: new EventMac(ns, config.masterKeys).seal(CALL_RECORDED_V1, b) }));
    ch.publish(names.eventsExchange(ns), CALL_RECORDED_V1, content, { persistent: true, contentType: 'application/json' });
  }
  await ch.waitForConfirms();
}

async function rowsOf(ids: string[]): Promise<Array<{ id: string; n: number }>> {
  const [rows] = await db.query(`SELECT id, COUNT(*) AS n FROM call_log WHERE id IN (?) GROUP BY id`, [ids]);
  return (rows as Array<{ id: string; n: number }>).map((r) => ({ id: r.id, n: Number(r.n) }));
}

function token(claims: { sub: string; perms: string[] }, opts: { expiresIn?: number; key?: Buffer; issuer?: string } = {}): string {
  return jwt.sign(
    { ...claims, sv: 1 },
    {
      secret: opts.key ?? accessTokenKey(config),
      algorithm: 'HS256',
      expiresIn: opts.expiresIn ?? 300,
      issuer: opts.issuer ?? ACCESS_TOKEN_ISSUER,
    },
  );
}

async function get(path: string, bearer?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(baseUrl + path, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth'], env: { LOG_LEVEL: 'warn' } });
  ns = stack.ns;
  env = { ...stack.env };
  readerToken = (await stack.employee(['auditor'])).token;
  salesToken = (await stack.employee(['sales'])).token;
  config = loadConfig(env);
  jwt = new JwtService({});
  await boot();
  conn = await amqplib.connect(amqpUrl);
  ch = await conn.createConfirmChannel();
  db = await mysql.createConnection({ uri: `${databaseUrl}/${names.database(ns, 'audit')}`, timezone: 'Z' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.end();
  if (ch) {
    const { queues, exchanges } = topologyNames(ns);
    for (const q of queues) await ch.deleteQueue(q);
    for (const x of exchanges) await ch.deleteExchange(x);
    await ch.close();
  }
  await conn?.close();
  await dropDatabase({ databaseUrl, database: names.database(ns, 'audit') });
  await stack?.stop();
}, 60_000);

describe('audit call ingest', () => {
  it('stores each published call event once, even when the same event is published twice', async () => {
    const a = callEvent();
    const b = callEvent({ code: 4002, message: 'invalid credentials', caller: 'BILLING' });
    await publish(a, b, a);
    const rows = await until(
      'two rows',
      () => rowsOf([a.id, b.id]),
      (r) => r.length === 2,
    );
    // Give a late duplicate the time to land if it were going to.
    await new Promise((r) => setTimeout(r, 300));
    expect(await rowsOf([a.id, b.id])).toEqual(
      expect.arrayContaining([
        { id: a.id, n: 1 },
        { id: b.id, n: 1 },
      ]),
    );
    expect(rows).toHaveLength(2);
    const [stored] = await db.query('SELECT * FROM call_log WHERE id = ?', [b.id]);
    expect((stored as any[])[0]).toMatchObject({
      caller: 'BILLING',
      code: 4002,
      ok: 0,
      message: 'invalid credentials',
      request_id: b.requestId,
    });
    expect(((stored as any[])[0].at as Date).toISOString()).toBe(b.at);
  });

  it('dead-letters what is not a call event and keeps consuming', async () => {
    const dead = names.deadQueue(ns, 'audit');
    await ch.purgeQueue(dead);
    const after = callEvent();
    await publish(Buffer.from('{not json'), { pattern: CALL_RECORDED_V1, data: { id: 'x' } } as object, after);
    await until(
      'the valid event after the bad ones',
      () => rowsOf([after.id]),
      (r) => r.length === 1,
    );
    const q = await until(
      'two dead letters',
      () => ch.checkQueue(dead),
      (s) => s.messageCount === 2,
    );
    expect(q.messageCount).toBe(2);
    await until(
      'an empty call queue',
      () => ch.checkQueue(names.auditCallQueue(ns)),
      (s) => s.messageCount === 0,
    );
  });

  it('keeps events unacknowledged while their table cannot be written, and stores them once it can', async () => {
    const dead = names.deadQueue(ns, 'audit');
    await ch.purgeQueue(dead);
    // A database failure confined to this namespace: the insert fails until the table is back.
    await db.query('RENAME TABLE call_log TO call_log_away');
    const held = [callEvent(), callEvent(), callEvent()];
    try {
      await publish(...held);
      await new Promise((r) => setTimeout(r, 700));
      const [away] = await db.query('SELECT COUNT(*) AS n FROM call_log_away WHERE id IN (?)', [held.map((e) => e.id)]);
      expect(Number((away as any[])[0].n)).toBe(0);
      // Delivered to the consumer and neither acked nor dead-lettered.
      const q = await ch.checkQueue(names.auditCallQueue(ns));
      expect(q.messageCount).toBe(0);
      expect((await ch.checkQueue(dead)).messageCount).toBe(0);
    } finally {
      await db.query('RENAME TABLE call_log_away TO call_log');
    }
    const rows = await until(
      'the held events',
      () => rowsOf(held.map((e) => e.id)),
      (r) => r.length === 3,
    );
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect((await ch.checkQueue(dead)).messageCount).toBe(0);
  });

  it('stores events published while the audit app was down once it is back', async () => {
    await app?.close();
    app = null;
    const missed = [callEvent(), callEvent(), callEvent()];
    await publish(...missed);
    expect((await ch.checkQueue(names.auditCallQueue(ns))).messageCount).toBe(3);
    await boot();
    const rows = await until(
      'the three missed events',
      () => rowsOf(missed.map((e) => e.id)),
      (r) => r.length === 3,
    );
    expect(rows.every((r) => r.n === 1)).toBe(true);
  }, 60_000);
});

describe('GET /audit/calls', () => {
  const caller = `OPS_${randomBytes(3).toString('hex')}`;
  const base = Date.parse('2026-02-01T00:00:00.000Z');
  const events: CallEvent[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      events.push(
        callEvent({
          caller,
          at: new Date(base + Math.floor(i / 2) * 1000), // pairs share a millisecond: seq breaks the tie
          pattern: i % 2 ? 'service.workorder.urge.v1' : 'service.workorder.dispatch.v1',
          code: i === 3 ? 4220 : 0,
          message: i === 3 ? 'payload failed validation' : null,
          actor: i === 5 ? 'E100042' : null,
          direction: i === 6 ? 'outbound' : 'inbound',
        }),
      );
    }
    await publish(...events);
    await until(
      'the query fixture',
      () => rowsOf(events.map((e) => e.id)),
      (r) => r.length === events.length,
    );
  });

  const reader = () => readerToken;

  it('answers 4010 (401) without a valid token: missing, forged, expired, from another issuer, or of an unknown employee', async () => {
    const bad = [
      undefined,
      'not-a-jwt',
      token({ sub: 'E1', perms: ['audit.read'] }, { key: randomBytes(32) }),
      token({ sub: 'E1', perms: ['audit.read'] }, { expiresIn: -10 }),
      token({ sub: 'E1', perms: ['audit.read'] }, { issuer: 'someone-else' }),
      // Well signed, but no such employee.
      token({ sub: 'E999999', perms: ['audit.read'] }),
    ];
    for (const t of bad) {
      const res = await get('/audit/calls', t);
      expect(res).toEqual({ status: 401, body: { code: 4010, message: expect.any(String) } });
    }
  });

  it('answers 4030 (403) to an employee without audit.read', async () => {
    const res = await get('/audit/calls', salesToken);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(4030);
  });

  it('returns the SPEC §4.1 fields, newest first', async () => {
    const res = await get(`/audit/calls?caller=${caller}`, reader());
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((i: CallEvent) => i.id)).toEqual([...events].reverse().map((e) => e.id));
    const e3 = events[3];
    expect(res.body.items.find((i: CallEvent) => i.id === e3.id)).toEqual({
      id: e3.id,
      at: e3.at,
      direction: 'inbound',
      service: 'service',
      caller,
      callee: 'service',
      pattern: e3.pattern,
      requestId: e3.requestId,
      actor: null,
      code: 4220,
      ok: false,
      durationMs: 2.25,
      message: 'payload failed validation',
      source: null,
      traceId: null,
      spanId: null,
      parentSpanId: null,
    });
  });

  it('pages with the cursor through every item exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/audit/calls?caller=${caller}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, reader());
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: CallEvent) => i.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual([...events].reverse().map((e) => e.id));
  });

  it.each([
    ['time range [from, to)', `from=2026-02-01T00:00:01Z&to=2026-02-01T00:00:03Z`, [2, 3, 4, 5]],
    ['pattern and code', `pattern=service.workorder.urge.v1&code=4220`, [3]],
    ['ok=false', `ok=false`, [3]],
    ['ok=true and direction', `ok=true&direction=outbound`, [6]],
    ['actor', `actor=E100042`, [5]],
    ['offset written as +01:00', `to=2026-02-01T01:00:01%2B01:00`, [0, 1]],
  ])('filters by %s', async (_name, qs, expected) => {
    const res = await get(`/audit/calls?caller=${caller}&${qs}`, reader());
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: CallEvent) => i.id)).toEqual(expected.reverse().map((k) => events[k].id));
  });

  it('finds a call by requestId', async () => {
    const res = await get(`/audit/calls?requestId=${encodeURIComponent(events[4].requestId as string)}`, reader());
    expect(res.body.items.map((i: CallEvent) => i.id)).toEqual([events[4].id]);
  });

  it.each([
    ['limit above 1000', 'limit=1001', 'limit'],
    ['limit not a number', 'limit=ten', 'limit'],
    ['unknown direction', 'direction=sideways', 'direction'],
    ['from not a timestamp', 'from=yesterday', 'from'],
    ['to before from', 'from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z', 'to'],
    ['ok not a boolean', 'ok=maybe', 'ok'],
    ['forged cursor', `cursor=${randomUUID()}`, 'cursor'],
    ['unknown parameter', 'colour=red', 'colour'],
  ])('answers 4220 (422) for %s', async (_name, qs, field) => {
    const res = await get(`/audit/calls?${qs}`, reader());
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(4220);
    expect(res.body.details).toEqual(expect.arrayContaining([{ field, reasons: expect.arrayContaining([expect.any(String)]) }]));
  });
});
