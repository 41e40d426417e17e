import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { PERMISSIONS } from '@crm/contracts';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Employee identity (SPEC §3.3, issue 3): onboarding with approval by another administrator,
 * never-reissued IDs, offboarding, roles in tables with every change in the operation log,
 * access review with its overdue announcement, the public profile over RMQ, and the CLI.
 */

jest.setTimeout(90_000);

const SALES_PERMISSIONS = [
  'account.read',
  'account.write',
  'contract.read',
  'contract.write',
  'opportunity.read',
  'opportunity.write',
  'product.read',
  'quote.read',
  'quote.write',
];

let stack: Stack;
let client: RawClient;
let amqp: ChannelModel;
let ch: Channel;
const events: Array<{ key: string; data: any }> = [];

const ADMIN_B_PASSWORD = 'second administrator passphrase 7';
let adminA: string;
let tokenA: string;
let adminB: string;
let tokenB: string;

interface HttpResult {
  status: number;
  body: any;
}

async function http(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  app: 'auth' | 'audit' = 'auth',
): Promise<HttpResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${stack.url(app)}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function login(employeeId: string, password: string): Promise<HttpResult> {
  return http('POST', '/auth/login', null, { employeeId, password });
}

async function file(token: string, body: Record<string, unknown>): Promise<HttpResult> {
  return http('POST', '/auth/employees', token, body);
}

let seq = 0;
function newcomer(roles: string[] = ['sales']): Record<string, unknown> {
  seq += 1;
  return {
    name: `New Hire ${seq}`,
    department: 'Sales',
    position: 'Account manager',
    email: `hire${seq}.${stack.ns}@example.com`,
    phone: `+86 138 0000 ${String(1000 + seq)}`,
    roles,
  };
}

async function operations(query: string): Promise<any[]> {
  const r = await http('GET', `/audit/operations${query}`, tokenA, undefined, 'audit');
  expect(r.status).toBe(200);
  return r.body.items;
}

async function sessionVersion(employeeId: string): Promise<number> {
  const db = await stack.db('auth');
  try {
    const [rows] = await db.query<any[]>('SELECT session_version AS v FROM employee WHERE employee_id = ?', [employeeId]);
    return Number(rows[0].v);
  } finally {
    await db.end();
  }
}

async function sql(query: string, params: unknown[] = []): Promise<any[]> {
  const db = await stack.db('auth');
  try {
    const [rows] = await db.query<any[]>(query, params);
    return rows;
  } finally {
    await db.end();
  }
}

/** Files a newcomer with A and approves it with B; returns its ID and initial password. */
/** The first login's password change: the initial password only opens this door. */
async function changeInitialPassword(id: string, initialPassword: string): Promise<string> {
  const password = `my own long passphrase ${Math.random().toString(36).slice(2)}`;
  const r = await http('POST', '/auth/password/change', null, { employeeId: id, currentPassword: initialPassword, newPassword: password });
  expect(r.status).toBe(200);
  return password;
}

/** Filed by A, approved by B, first password change done: ready to log in. */
async function onboard(roles: string[] = ['sales']): Promise<{ id: string; password: string }> {
  const filed = await file(tokenA, newcomer(roles));
  expect(filed.status).toBe(201);
  const approved = await http('POST', `/auth/employees/${filed.body.employeeId}/approve`, tokenB, {});
  expect(approved.status).toBe(200);
  return { id: filed.body.employeeId, password: await changeInitialPassword(filed.body.employeeId, approved.body.initialPassword) };
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'audit'], env: { ACCESS_REVIEW_CHECK_SECONDS: '1', ACCESS_REVIEW_INTERVAL_DAYS: '30' } });
  client = await RawClient.connect();
  amqp = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  ch = await amqp.createChannel();
  const q = await ch.assertQueue('', { exclusive: true });
  for (const key of ['auth.access-review.overdue.v1', 'auth.employee.sessions-revoked.v1'])
    await ch.bindQueue(q.queue, `${stack.ns}.events`, key);
  await ch.consume(q.queue, (m) => m && events.push({ key: m.fields.routingKey, data: JSON.parse(m.content.toString()).data }), {
    noAck: true,
  });

  tokenA = await stack.adminToken();
  adminA = (await http('GET', '/auth/employees?role=administrator', tokenA)).body.items[0].employeeId;
  const b = await stack.cli(['admin', 'create', 'Approving Officer', '--password-stdin'], ADMIN_B_PASSWORD);
  if (b.code !== 0) throw new Error(b.stderr);
  adminB = b.json.employeeId;
  tokenB = (await login(adminB, ADMIN_B_PASSWORD)).body.accessToken;
}, 120_000);

afterAll(async () => {
  await ch?.close().catch(() => undefined);
  await amqp?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('onboarding', () => {
  let filedId: string;

  it('files a new employee as pending, with the named roles', async () => {
    const r = await file(tokenA, newcomer(['sales']));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      employeeId: expect.stringMatching(/^E\d+$/),
      status: 'pending',
      roles: ['sales'],
      filedBy: adminA,
      passwordChangeRequired: false,
    });
    filedId = r.body.employeeId;
  });

  it('refuses a pending ID at login exactly like a wrong password (4002)', async () => {
    const pending = await login(filedId, 'whatever password it might be');
    const wrong = await login(adminA, 'not the administrator password');
    expect(pending.status).toBe(401);
    expect(pending.body).toEqual(wrong.body);
    expect(pending.body.code).toBe(4002);
  });

  it('refuses self-approval (4030)', async () => {
    const r = await http('POST', `/auth/employees/${filedId}/approve`, tokenA, {});
    expect(r.status).toBe(403);
    expect(r.body.code).toBe(4030);
    expect((await http('GET', `/auth/employees/${filedId}`, tokenA)).body.status).toBe('pending');
  });

  it('approval by another administrator shows a strong initial password once and flags it for change', async () => {
    const before = Date.now();
    const r = await http('POST', `/auth/employees/${filedId}/approve`, tokenB, { note: 'welcome' });
    expect(r.status).toBe(200);
    expect(r.body.initialPassword).toMatch(/^[A-Za-z0-9_-]{43,}$/); // 256 bits, base64url
    expect(r.body.employee).toMatchObject({ status: 'active', decidedBy: adminB, decisionNote: 'welcome', passwordChangeRequired: true });
    // Stamped by the database at the update, with milliseconds: not cut to the whole second (which
    // read earlier than createdAt when filing and approval fell in one second).
    const updatedAt = Date.parse(r.body.employee.updatedAt);
    expect(updatedAt).toBeGreaterThanOrEqual(Date.parse(r.body.employee.createdAt));
    expect(updatedAt).toBeGreaterThanOrEqual(before - 5);
    const expires = Date.parse(r.body.employee.initialPasswordExpiresAt);
    expect(expires - before).toBeGreaterThan(71 * 3600_000);
    expect(expires - before).toBeLessThan(73 * 3600_000);

    const again = await http('GET', `/auth/employees/${filedId}`, tokenA);
    expect(JSON.stringify(again.body)).not.toContain(r.body.initialPassword);
    // Shown once: not stored (only its argon2id hash), not logged.
    expect(await stack.dumpAllTables()).not.toContain(r.body.initialPassword);
    expect(stack.logs()).not.toContain(r.body.initialPassword);
    // The initial password must be changed before it gives a token.
    const first = await login(filedId, r.body.initialPassword);
    expect({ status: first.status, code: first.body.code, token: first.body.accessToken }).toEqual({
      status: 403,
      code: 4030,
      token: undefined,
    });
    const ok = await login(filedId, await changeInitialPassword(filedId, r.body.initialPassword));
    expect(ok.status).toBe(200);
    // The seeded `sales` role (SPEC §6.0).
    expect(ok.body.permissions).toEqual(SALES_PERMISSIONS);
    // Approving twice is a state conflict.
    expect((await http('POST', `/auth/employees/${filedId}/approve`, tokenB, {})).body.code).toBe(4090);
  });

  it('records file and approve in the operation log, with the password masked', async () => {
    const items = await waitFor(async () => {
      const found = await operations(`?entity=employee&entityId=${filedId}`);
      return found.length >= 2 ? found : null;
    });
    const approve = items.find((i) => i.action === 'approve');
    expect(approve).toMatchObject({ service: 'auth', actorType: 'employee', actor: adminB });
    expect(approve.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', old: 'pending', new: 'active' },
        { field: 'passwordHash', old: null, new: '***' },
      ]),
    );
    expect(items.find((i) => i.action === 'file')).toMatchObject({ actor: adminA });
  });

  it('a rejected filing cannot log in and keeps its ID', async () => {
    const r = await file(tokenA, newcomer());
    expect((await http('POST', `/auth/employees/${r.body.employeeId}/reject`, tokenB, {})).body.code).toBe(4220); // a note is required
    const rejected = await http('POST', `/auth/employees/${r.body.employeeId}/reject`, tokenB, { note: 'duplicate filing' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'duplicate filing' });
    expect((await http('POST', `/auth/employees/${r.body.employeeId}/approve`, tokenB, {})).body.code).toBe(4090);
  });

  it('validates the filing (4220 with details) and needs employee.manage', async () => {
    const bad = await file(tokenA, { name: '', email: 'not-an-email', roles: ['Bad Role'], extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe(4220);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(expect.arrayContaining(['email', 'extra', 'name', 'roles']));
    const unknownRole = await file(tokenA, newcomer(['no-such-role']));
    expect(unknownRole.body).toMatchObject({ code: 4220, details: [{ field: 'roles' }] });
    expect((await http('POST', '/auth/employees', null, newcomer())).status).toBe(401);
  });
});

describe('employee IDs', () => {
  it('are never reissued: not after a failed insert, not after a restart', async () => {
    const first = await file(tokenA, newcomer());
    const duplicate = await file(tokenA, { ...newcomer(), email: first.body.email });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe(4090);
    const next = await file(tokenA, newcomer());
    const n = (id: string) => Number(id.slice(1));
    // The failed filing burnt a number: the next one skips it.
    expect(n(next.body.employeeId)).toBeGreaterThan(n(first.body.employeeId) + 1);
    const burnt = `E${n(first.body.employeeId) + 1}`;
    expect(await sql('SELECT 1 FROM employee WHERE employee_id = ?', [burnt])).toHaveLength(0);

    await stack.killApp('auth');
    await stack.startApp('auth');
    const afterRestart = await file(tokenA, newcomer());
    expect(n(afterRestart.body.employeeId)).toBeGreaterThan(n(next.body.employeeId));
    const all = await sql('SELECT employee_id AS id FROM employee');
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('are never deleted: DELETE answers 4090 and says to disable', async () => {
    const r = await http('DELETE', `/auth/employees/${adminB}`, tokenA);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe(4090);
    expect(r.body.message).toContain('disable');
    expect((await http('GET', `/auth/employees/${adminB}`, tokenA)).body.status).toBe('active');
  });

  it('are never shown with secrets', async () => {
    const list = await http('GET', '/auth/employees?limit=200', tokenA);
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    for (const secret of ['passwordHash', 'password_hash', 'sessionVersion', 'failedLogins', '$argon2']) expect(text).not.toContain(secret);
  });
});

describe('listing and editing', () => {
  it('filters and pages with a cursor', async () => {
    const pending = await http('GET', '/auth/employees?status=pending&limit=2', tokenA);
    expect(pending.body.items.every((e: any) => e.status === 'pending')).toBe(true);
    expect(pending.body.items).toHaveLength(2);
    const next = await http('GET', `/auth/employees?status=pending&limit=2&cursor=${pending.body.nextCursor}`, tokenA);
    expect(next.body.items[0].employeeId).not.toBe(pending.body.items[1].employeeId);
    expect(Number(next.body.items[0].employeeId.slice(1))).toBeGreaterThan(Number(pending.body.items[1].employeeId.slice(1)));
    const admins = await http('GET', '/auth/employees?role=administrator', tokenA);
    expect(admins.body.items.map((e: any) => e.employeeId).sort()).toEqual([adminA, adminB].sort());
    expect((await http('GET', '/auth/employees?limit=0', tokenA)).body.code).toBe(4220);
  });

  it('records a profile edit old → new', async () => {
    const { id } = await onboard();
    const r = await http('PATCH', `/auth/employees/${id}`, tokenA, { position: 'Senior account manager', department: null });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ position: 'Senior account manager', department: null });
    const edit = await waitFor(async () => (await operations(`?entity=employee&entityId=${id}&action=edit`))[0]);
    expect(edit.changes).toEqual([
      { field: 'department', old: 'Sales', new: null },
      { field: 'position', old: 'Account manager', new: 'Senior account manager' },
    ]);
  });
});

describe('roles', () => {
  it('a role change is recorded old → new and ends the sessions', async () => {
    const { id } = await onboard(['sales']);
    const sv = await sessionVersion(id);
    const r = await http('PUT', `/auth/employees/${id}/roles`, tokenA, { roles: ['marketing', 'sales'] });
    expect(r.body).toEqual({ employeeId: id, roles: ['marketing', 'sales'] });
    expect(await sessionVersion(id)).toBe(sv + 1);
    // (The first-login password change announced a revocation earlier: wait for this one.)
    await until(
      'sessions-revoked event',
      () =>
        events.filter(
          (e) => e.key === 'auth.employee.sessions-revoked.v1' && e.data.employeeId === id && e.data.reason === 'roles-changed',
        ),
      (l) => l.length === 1,
    );
    const entry = await waitFor(async () => (await operations(`?entity=employee&entityId=${id}&action=set-roles`))[0]);
    expect(entry).toMatchObject({
      actorType: 'employee',
      actor: adminA,
      changes: [{ field: 'roles', old: ['sales'], new: ['marketing', 'sales'] }],
    });
  });

  it('roles and their permissions are administered in tables', async () => {
    const created = await http('POST', '/auth/roles', tokenA, {
      name: 'team-lead',
      description: 'leads a team',
      permissions: ['account.read'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'team-lead',
      description: 'leads a team',
      twoFactorRequired: false,
      permissions: ['account.read'],
      members: 0,
    });
    expect((await http('POST', '/auth/roles', tokenA, { name: 'team-lead', permissions: [] })).body.code).toBe(4090);
    expect((await http('POST', '/auth/roles', tokenA, { name: 'x-role', permissions: ['made.up'] })).body.code).toBe(4220);

    const { id, password } = await onboard(['team-lead']);
    expect((await login(id, password)).body.permissions).toEqual(['account.read']);
    const sv = await sessionVersion(id);
    const set = await http('PUT', '/auth/roles/team-lead/permissions', tokenA, { permissions: ['account.read', 'workorder.read'] });
    expect(set.body.permissions).toEqual(['account.read', 'workorder.read']);
    expect(await sessionVersion(id)).toBe(sv + 1); // holders re-read permissions at their next login
    expect((await login(id, password)).body.permissions).toEqual(['account.read', 'workorder.read']);
    const entry = await waitFor(async () => (await operations('?entity=role&entityId=team-lead&action=set-permissions'))[0]);
    expect(entry.changes).toEqual([{ field: 'permissions', old: ['account.read'], new: ['account.read', 'workorder.read'] }]);

    const roles = await http('GET', '/auth/roles', tokenA);
    // No role requires 2FA until its members have enrolled (README: turning it on).
    expect(roles.body.find((r: any) => r.name === 'administrator')).toMatchObject({ twoFactorRequired: false, members: 2 });
    expect(roles.body.find((r: any) => r.name === 'sales')).toMatchObject({ twoFactorRequired: false, permissions: SALES_PERMISSIONS });
    const perms = await http('GET', '/auth/permissions', tokenA);
    expect(perms.body.find((p: any) => p.name === 'role.manage')).toEqual({
      name: 'role.manage',
      description: PERMISSIONS['role.manage'],
      roles: ['administrator'],
    });
    expect(perms.body.find((p: any) => p.name === 'customer.pii.read')).toMatchObject({ roles: ['administrator'] });
  });

  it('needs role.manage, and never leaves nobody able to manage roles', async () => {
    const { id, password } = await onboard(['sales']);
    const salesToken = (await login(id, password)).body.accessToken;
    expect((await http('PUT', `/auth/employees/${id}/roles`, salesToken, { roles: ['administrator'] })).body.code).toBe(4030);
    expect((await http('PUT', '/auth/roles/administrator/permissions', tokenA, { permissions: ['account.read'] })).body.code).toBe(4090);
  });
});

describe('offboarding', () => {
  it('disable ends the sessions everywhere and refuses the password; enable restores access', async () => {
    const { id, password } = await onboard(['sales']);
    expect((await login(id, password)).status).toBe(200);
    const sv = await sessionVersion(id);
    const r = await http('POST', `/auth/employees/${id}/disable`, tokenA, { note: 'left the company' });
    expect(r.body).toMatchObject({ status: 'disabled', disabledAt: expect.any(String) });
    expect(await sessionVersion(id)).toBe(sv + 1);
    await until(
      'sessions-revoked event',
      () => events.filter((e) => e.data.employeeId === id && e.data.reason === 'disabled'),
      (l) => l.length === 1,
    );
    expect((await login(id, password)).body.code).toBe(4002);
    expect((await http('POST', `/auth/employees/${id}/disable`, tokenA, {})).body.code).toBe(4090);

    const enabled = await http('POST', `/auth/employees/${id}/enable`, tokenA, {});
    expect(enabled.body).toMatchObject({ status: 'active', disabledAt: null });
    expect((await login(id, password)).status).toBe(200);
    const actions = (
      await waitFor(async () => {
        const items = await operations(`?entity=employee&entityId=${id}`);
        return items.some((i) => i.action === 'enable') ? items : null;
      })
    ).map((i) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['disable', 'enable']));
  });

  it('nobody disables their own ID', async () => {
    expect((await http('POST', `/auth/employees/${adminA}/disable`, tokenA, {})).body.code).toBe(4030);
  });

  it('the CLI disables and enables too, recorded as the caller "cli"', async () => {
    const { id } = await onboard();
    const off = await stack.cli(['employee', 'disable', id, '--note', 'drill']);
    expect(off.code).toBe(0);
    expect(off.json).toMatchObject({ employeeId: id, status: 'disabled' });
    expect((await stack.cli(['employee', 'enable', id])).json.status).toBe('active');
    const entry = await waitFor(async () => (await operations(`?entity=employee&entityId=${id}&action=disable`))[0]);
    expect(entry).toMatchObject({ actorType: 'caller', actor: 'cli' });
  });
});

describe('callers in the operation log', () => {
  it('a rotation is recorded with the password masked and never stored', async () => {
    await stack.createCaller('ROTATED', ['auth.system.ping.v1']);
    const r = await stack.cli(['caller', 'rotate', 'ROTATED', '--overlap', '1h']);
    expect(r.code).toBe(0);
    const entry = await waitFor(async () => (await operations('?entity=caller&entityId=ROTATED&action=rotate'))[0]);
    expect(entry).toMatchObject({ service: 'auth', actorType: 'caller', actor: 'cli' });
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'password', old: '***', new: '***' },
        { field: 'previousValidUntil', old: null, new: r.json.previousValidUntil },
      ]),
    );
    expect(await stack.dumpAllTables()).not.toContain(r.json.password);
    expect(await operations('?entity=caller&entityId=ROTATED&action=create')).toHaveLength(1);
  });
});

describe('access review', () => {
  let reviewed: string;

  it('lists every active ID with roles, last login, last review and overdue flag', async () => {
    reviewed = (await onboard(['service-agent'])).id;
    const r = await http('GET', '/auth/reviews', tokenB);
    expect(r.status).toBe(200);
    const item = r.body.items.find((i: any) => i.employeeId === reviewed);
    expect(item).toMatchObject({ roles: ['service-agent'], lastLoginAt: null, lastReviewedAt: null, lastReviewedBy: null, overdue: false });
    expect(r.body.items.every((i: any) => typeof i.overdue === 'boolean')).toBe(true);
    expect(r.body.items.find((i: any) => i.employeeId === adminA).lastLoginAt).toEqual(expect.any(String));
  });

  it('refuses a review of oneself (4030)', async () => {
    expect((await http('POST', `/auth/reviews/${adminB}`, tokenB, { decision: 'confirm', note: 'me' })).body.code).toBe(4030);
  });

  it('confirm restarts the clock; revoke with roles removes just those; revoke alone disables', async () => {
    const c = await http('POST', `/auth/reviews/${reviewed}`, tokenB, { decision: 'confirm', note: 'still needed' });
    expect(c.body).toMatchObject({ employeeId: reviewed, reviewerId: adminB, decision: 'confirm', disabled: false });
    const after = (await http('GET', '/auth/reviews', tokenB)).body.items.find((i: any) => i.employeeId === reviewed);
    expect(after).toMatchObject({ lastReviewedBy: adminB, lastReviewedAt: expect.any(String) });

    await http('PUT', `/auth/employees/${reviewed}/roles`, tokenA, { roles: ['sales', 'service-agent'] });
    const partial = await http('POST', `/auth/reviews/${reviewed}`, tokenB, {
      decision: 'revoke',
      note: 'no longer in sales',
      roles: ['sales'],
    });
    expect(partial.body).toMatchObject({ decision: 'revoke', removedRoles: ['sales'], disabled: false });
    expect((await http('GET', `/auth/employees/${reviewed}`, tokenA)).body.roles).toEqual(['service-agent']);

    const full = await http('POST', `/auth/reviews/${reviewed}`, tokenB, { decision: 'revoke', note: 'left the team' });
    expect(full.body).toMatchObject({ disabled: true, removedRoles: null });
    expect((await http('GET', `/auth/employees/${reviewed}`, tokenA)).body.status).toBe('disabled');
    await until(
      'review-revoked event',
      () => events.filter((e) => e.data.employeeId === reviewed && e.data.reason === 'review-revoked'),
      (l) => l.length >= 2,
    );

    const history = await http('GET', `/auth/reviews/${reviewed}`, tokenB);
    expect(history.body.items.map((i: any) => i.decision)).toEqual(['revoke', 'revoke', 'confirm']);
    const logged = await waitFor(async () => {
      const items = await operations(`?entity=access-review&entityId=${reviewed}`);
      return items.length === 3 ? items : null;
    });
    expect(logged.map((i) => i.action)).toEqual(['revoke', 'revoke', 'confirm']);
    expect(logged.every((i) => i.actor === adminB)).toBe(true);
    expect((await http('POST', `/auth/reviews/${reviewed}`, tokenB, { decision: 'maybe', note: 'x' })).body.code).toBe(4220);
  });

  it('announces an overdue review once per employee and period', async () => {
    const overdue = (await onboard()).id;
    const marker = (await onboard()).id;
    await sql('UPDATE employee SET last_reviewed_at = ? WHERE employee_id = ?', [new Date(Date.now() - 40 * 86_400_000), overdue]);
    const byId = (id: string) => events.filter((e) => e.key === 'auth.access-review.overdue.v1' && e.data.employeeId === id);
    await until(
      'overdue event',
      () => byId(overdue),
      (l) => l.length === 1,
      20_000,
    );
    expect(byId(overdue)[0].data).toMatchObject({
      employeeId: overdue,
      roles: ['sales'],
      dueAt: expect.any(String),
      lastReviewedAt: expect.any(String),
    });
    // A later overdue employee's event proves the monitor kept running; the first was not announced again.
    await sql('UPDATE employee SET last_reviewed_at = ? WHERE employee_id = ?', [new Date(Date.now() - 40 * 86_400_000), marker]);
    await until(
      'second overdue event',
      () => byId(marker),
      (l) => l.length === 1,
      20_000,
    );
    expect(byId(overdue)).toHaveLength(1);
    expect((await http('GET', '/auth/reviews', tokenB)).body.items.find((i: any) => i.employeeId === overdue).overdue).toBe(true);
    // A confirmation ends the period: no longer overdue.
    await http('POST', `/auth/reviews/${overdue}`, tokenB, { decision: 'confirm', note: 'ok' });
    expect((await http('GET', '/auth/reviews', tokenB)).body.items.find((i: any) => i.employeeId === overdue).overdue).toBe(false);
  });

  it('the CLI prints the report as JSON lines', async () => {
    const r = await stack.cli(['review', 'report']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.employeeId)).toContain(adminA);
    expect(lines.every((l) => typeof l.overdue === 'boolean' && Array.isArray(l.roles))).toBe(true);
  });
});

describe('other interfaces', () => {
  it('auth.employee.get.v1 answers the public profile over RMQ', async () => {
    const password = await stack.createCaller('PROFILE-READER', ['auth.employee.get.v1']);
    const r = await client.call(stack.queue('auth'), 'auth.employee.get.v1', {
      caller: 'PROFILE-READER',
      password,
      payload: { employeeId: adminB },
    });
    expect(r.response?.data).toEqual({
      employeeId: adminB,
      name: 'Approving Officer',
      department: null,
      position: null,
      status: 'active',
      roles: ['administrator'],
    });
    const missing = await client.call(stack.queue('auth'), 'auth.employee.get.v1', {
      caller: 'PROFILE-READER',
      password,
      payload: { employeeId: 'E1' },
    });
    expect(missing.err?.code).toBe(4040);
    const bad = await client.call(stack.queue('auth'), 'auth.employee.get.v1', {
      caller: 'PROFILE-READER',
      password,
      payload: { employeeId: 'DROP TABLE' },
    });
    expect(bad.err?.code).toBe(4220);
    // The apps' own system callers (crm-<app>) may ask for profiles.
    // One JSON line per caller, nothing else on stdout.
    const callers = (await stack.cli(['caller', 'list'])).lines as Array<{ name: string; allow: string[] }>;
    expect(callers.length).toBeGreaterThanOrEqual(4);
    expect(callers.every((c) => typeof c === 'object' && typeof c.name === 'string')).toBe(true);
    expect(callers.find((c) => c.name === 'crm-service')?.allow).toEqual([
      'auth.caller.verify.v1',
      'auth.employee.session.v1',
      'auth.employee.get.v1',
    ]);
  });

  it('serves the OpenAPI document at /docs-json', async () => {
    const res = await fetch(`${stack.url('auth')}/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as any;
    for (const path of [
      '/auth/employees',
      '/auth/employees/{id}/approve',
      '/auth/roles/{name}/permissions',
      '/auth/reviews/{employeeId}',
      '/auth/permissions',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect((await fetch(`${stack.url('auth')}/docs`)).status).toBe(200);
  });

  it('the CLI lists employees and roles as JSON lines', async () => {
    const employees = await stack.cli(['employee', 'list', '--status', 'active']);
    expect(employees.code).toBe(0);
    const rows = employees.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.every((e) => e.status === 'active')).toBe(true);
    expect(employees.stdout).not.toContain('argon2');
    const show = await stack.cli(['employee', 'show', adminA]);
    expect(show.json).toMatchObject({ employeeId: adminA, roles: ['administrator'] });
    const roles = await stack.cli(['role', 'list']);
    expect(
      roles.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).name),
    ).toEqual(expect.arrayContaining(['administrator', 'auditor', 'sales', 'service-agent', 'marketing', 'manager']));
    expect((await stack.cli(['employee', 'show', 'nobody'])).code).toBe(64);
  });
});
