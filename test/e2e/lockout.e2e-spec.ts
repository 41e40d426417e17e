import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RawClient, type RawReply } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Issue 8, findings 1 and 4 and the login bullet of 5, reproduced as an outside attacker with
 * broker access would (raw amqplib, no project code): hammering the apps' own callers, a partner's
 * name from another broker user, interleaved failures, locked vs unknown names, and 30 wrong
 * passwords for an administrator on `POST /auth/login`.
 */

jest.setTimeout(180_000);

const run = promisify(execFile);
const PING = 'service.system.ping.v1';
const MAX_FAILURES = 5;

let stack: Stack;
/** Connected as guest, like the partners of the default installation. */
let guest: RawClient;
/** A second broker user, the third party. */
let mallory: RawClient;
const malloryUser = `t_mallory_${randomBytes(4).toString('hex')}`;
const malloryPassword = randomBytes(12).toString('hex');
let token: string;

/** One call; `userId` sets the AMQP `user_id` property, which RabbitMQ checks against the connection's user. */
function callAs(client: RawClient, caller: string, password: string, userId?: string, queue = stack.queue('service')): Promise<RawReply> {
  return client.sendRaw(
    queue,
    JSON.stringify({ pattern: PING, id: randomUUID(), data: { caller, password, requestId: `lock-${randomUUID()}` } }),
    10_000,
    userId ? { userId } : {},
  );
}

async function timed(f: () => Promise<RawReply>): Promise<{ reply: RawReply; ms: number }> {
  const t = performance.now();
  const reply = await f();
  return { reply, ms: performance.now() - t };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function callerList(): Promise<any[]> {
  const r = await stack.cli(['caller', 'list']);
  expect(r.code).toBe(0);
  return r.lines;
}

async function auditRows(query: string, params: unknown[]): Promise<any[]> {
  const db = await stack.db('audit');
  try {
    return (await db.query(query, params))[0] as any[];
  } finally {
    await db.end();
  }
}

async function login(employeeId: string, password: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url('auth')}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ employeeId, password }),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service', 'audit'], env: { CALLER_MAX_FAILURES: String(MAX_FAILURES) } });
  guest = await RawClient.connect();
  await run('rabbitmqctl', ['add_user', malloryUser, malloryPassword]);
  await run('rabbitmqctl', ['set_permissions', '-p', '/', malloryUser, '.*', '.*', '.*']);
  mallory = await RawClient.connect(`amqp://${malloryUser}:${malloryPassword}@127.0.0.1:5672`);
  token = await stack.adminToken();
}, 180_000);

afterAll(async () => {
  await mallory?.close();
  await guest?.close();
  await run('rabbitmqctl', ['delete_user', malloryUser]).catch(() => undefined);
  await stack?.stop();
}, 60_000);

describe('internal callers cannot be locked from outside (finding 1)', () => {
  it('50 wrong passwords as crm-service: all 4002, crm-service not locked, partners still answered, failures counted and alerted', async () => {
    for (let i = 0; i < 50; i++) expect((await callAs(guest, 'crm-service', `wrong-${i}`)).err?.code).toBe(4002);
    const crmService = (await callerList()).find((c) => c.name === 'crm-service');
    expect(crmService).toMatchObject({ internal: true, locked: false, lockedSources: [] });
    expect(crmService.failedAttempts).toBeGreaterThanOrEqual(50);
    // A partner the service app has never seen: its check goes out to auth as crm-service.
    const pw = await stack.createCaller('PARTNER1', [PING]);
    expect((await callAs(guest, 'PARTNER1', pw)).response?.code).toBe(0);
    expect((await callAs(guest, 'PARTNER1', pw, 'guest')).response?.code).toBe(0);
    const alerts = await until(
      'an auth-failures alert for crm-service',
      () => auditRows("SELECT rule, subject FROM alert WHERE rule = 'auth-failures' AND subject = 'crm-service'", []),
      (rows) => rows.length > 0,
    );
    expect(alerts).toHaveLength(1);
    expect(await auditRows("SELECT rule, subject FROM alert WHERE rule = 'caller-locked-use'", [])).toEqual([]);
  });

  it('the same with crm-audit (from another broker user too) leaves GET /audit/calls working', async () => {
    for (let i = 0; i < MAX_FAILURES * 2; i++) {
      expect((await callAs(guest, 'crm-audit', `wrong-${i}`)).err?.code).toBe(4002);
      expect((await callAs(mallory, 'crm-audit', `wrong-${i}`, malloryUser)).err?.code).toBe(4002);
    }
    // A fresh token: the audit app checks it with auth as crm-audit.
    const fresh = await stack.adminToken();
    const res = await fetch(`${stack.url('audit')}/audit/calls?limit=1`, { headers: { authorization: `Bearer ${fresh}` } });
    expect(res.status).toBe(200);
    expect((await callerList()).find((c) => c.name === 'crm-audit')).toMatchObject({ internal: true, locked: false });
  });

  it('internal is data, not a name prefix: a partner named crm-lookalike locks like any other', async () => {
    const pw = await stack.createCaller('crm-lookalike', [PING]);
    for (let i = 0; i < MAX_FAILURES; i++) expect((await callAs(guest, 'crm-lookalike', `wrong-${i}`)).err?.code).toBe(4002);
    expect((await callAs(guest, 'crm-lookalike', pw)).err?.code).toBe(4004);
    expect((await callerList()).find((c) => c.name === 'crm-lookalike')).toMatchObject({
      internal: false,
      locked: true,
      lockedSources: [''],
    });
  });
});

describe('partner lockout that cannot be abused (finding 4)', () => {
  it('one wrong password between ten good calls, six times, never locks: a success resets the count', async () => {
    const pw = await stack.createCaller('PARTNER2', [PING]);
    for (let round = 0; round < MAX_FAILURES + 1; round++) {
      for (let i = 0; i < 10; i++) expect((await callAs(guest, 'PARTNER2', pw, 'guest')).response?.code).toBe(0);
      expect((await callAs(guest, 'PARTNER2', `wrong-${round}`, 'guest')).err?.code).toBe(4002);
    }
    for (let i = 0; i < 10; i++) expect((await callAs(guest, 'PARTNER2', pw, 'guest')).response?.code).toBe(0);
    const p = (await callerList()).find((c) => c.name === 'PARTNER2');
    expect(p).toMatchObject({ locked: false, failedAttempts: 0 });
  });

  it("a third party hammering a partner's name from another broker user locks only itself", async () => {
    const pw = await stack.createCaller('PARTNER3', [PING]);
    expect((await callAs(guest, 'PARTNER3', pw, 'guest')).response?.code).toBe(0);
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await callAs(mallory, 'PARTNER3', `guess-${i}`, malloryUser)).err!.code);
    expect(codes).toEqual([...Array(MAX_FAILURES).fill(4002), ...Array(20 - MAX_FAILURES).fill(4004)]);
    // Messages without a user_id are a source of their own: hammering that way does not reach the partner's either.
    for (let i = 0; i < MAX_FAILURES + 2; i++) await callAs(guest, 'PARTNER3', `anon-${i}`);
    for (let i = 0; i < 10; i++) expect((await callAs(guest, 'PARTNER3', pw, 'guest')).response?.code).toBe(0);
    // Even the right password from the locked source is refused until the lock ends or an unlock.
    expect((await callAs(mallory, 'PARTNER3', pw, malloryUser)).err?.code).toBe(4004);
    const p = (await callerList()).find((c) => c.name === 'PARTNER3');
    expect(p.lockedSources.sort()).toEqual(['', malloryUser].sort());
    // Each lock is in the operation log, with the source that earned it.
    const locks = await until(
      'the lock entries of PARTNER3',
      () =>
        auditRows("SELECT actor, changes FROM operation_log WHERE entity = 'caller' AND entity_id = 'PARTNER3' AND action = 'lock'", []),
      (rows) => rows.length === 2,
    );
    const sources = locks.map(
      (r) => (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes).find((c: any) => c.field === 'source').new,
    );
    expect(sources.sort()).toEqual(['', malloryUser].sort());
    expect((await stack.cli(['caller', 'unlock', 'PARTNER3'])).code).toBe(0);
    expect((await callAs(mallory, 'PARTNER3', pw, malloryUser)).response?.code).toBe(0);
  });

  it('locked and unknown names answer alike: the same code and text, to a foreign source and to the locked source', async () => {
    await stack.createCaller('PARTNER4', [PING]);
    const ghost = `GHOST${randomBytes(3).toString('hex')}`;
    // Mallory locks PARTNER4 and a name that does not exist, from her source.
    for (let i = 0; i < MAX_FAILURES; i++) {
      await callAs(mallory, 'PARTNER4', `x-${i}`, malloryUser);
      await callAs(mallory, ghost, `x-${i}`, malloryUser);
    }
    const lockedKnown = await timed(() => callAs(mallory, 'PARTNER4', 'x', malloryUser));
    const lockedGhost = await timed(() => callAs(mallory, ghost, 'x', malloryUser));
    expect(lockedKnown.reply.err).toEqual(lockedGhost.reply.err);
    expect(lockedKnown.reply.err?.code).toBe(4004);

    // From guest (a foreign source), the locked name is just a name with a wrong password.
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      const a = await timed(() => callAs(guest, 'PARTNER4', `y-${i}`, 'guest'));
      const b = await timed(() => callAs(guest, `NOBODY${randomBytes(3).toString('hex')}`, `y-${i}`, 'guest'));
      expect(a.reply.err).toEqual({ code: 4002, message: b.reply.err!.message });
      expect(b.reply.err?.code).toBe(4002);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    // Both cost two argon2 verifications (~50+ ms); a lock answered without hashing would be far faster.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(25, median(unknown) * 0.5));
  });
});

describe('failed employee logins are recorded and alerted (finding 5)', () => {
  it('30 wrong passwords for an administrator: identical answers, an operation-log entry per attempt with the source, exactly one alert', async () => {
    expect(token).toBeTruthy();
    const { employeeId } = await stack.adminCredentials();
    const wrong = Array.from({ length: 30 }, (_, i) => `not the password ${i} ${randomBytes(4).toString('hex')}`);
    const answers = [];
    for (const p of wrong) answers.push(await login(employeeId, p));
    const unknown = await login('E999999', wrong[0]!);
    for (const a of [...answers, unknown]) expect(a).toEqual({ status: 401, body: { code: 4002, message: 'invalid credentials' } });

    const entries = await until(
      '30 login-failed entries',
      () =>
        auditRows(
          "SELECT actor, actor_type, changes FROM operation_log WHERE entity = 'employee' AND entity_id = ? AND action = 'login-failed'",
          [employeeId],
        ),
      (rows) => rows.length >= 30,
      30_000,
    );
    expect(entries).toHaveLength(30);
    const changes = entries.map(
      (r) => (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as Array<{ field: string; new: unknown }>,
    );
    for (const c of changes) expect(c.find((x) => x.field === 'source')?.new).toMatch(/127\.0\.0\.1/);
    // The fifth failure locked the account (LOGIN_MAX_FAILURES = 5), recorded once.
    expect(changes.filter((c) => c.some((x) => x.field === 'lockedUntil'))).toHaveLength(1);
    // The unknown ID is recorded too.
    await until(
      'the unknown ID entry',
      () => auditRows("SELECT id FROM operation_log WHERE entity_id = 'E999999' AND action = 'login-failed'", []),
      (r) => r.length === 1,
    );

    const alerts = await until(
      'the login-failures alert with every occurrence',
      () => auditRows("SELECT rule, subject, occurrences, severity FROM alert WHERE rule = 'login-failures'", []),
      (rows) => rows.some((r) => r.subject === employeeId && r.occurrences === 30 - 10 + 1),
      30_000,
    );
    expect(alerts).toEqual([{ rule: 'login-failures', subject: employeeId, occurrences: 21, severity: 'critical' }]);

    const dump = (await stack.dumpAllTables()) + stack.logs();
    for (const p of wrong) expect(dump).not.toContain(p);
  });
});
