import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

jest.setTimeout(180_000);

/**
 * SPEC §6.0 data scopes and sensitive fields, on `sales` accounts: a record outside the employee's
 * scope is 4040 and never listed; personal fields are masked without `customer.pii.read`, and each
 * unmasked read is in the operation log.
 */
type Employee = { employeeId: string; token: string };
let stack: Stack;
let client: RawClient;
let frontendPassword: string;
let salesA: Employee, salesB: Employee, manager: Employee, admin: Employee, agent: Employee, auditor: Employee;

async function call(pattern: string, payload: unknown, actor: string): Promise<{ code: number; data?: any; requestId: string }> {
  const requestId = `rq-${randomUUID()}`;
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: 'FRONTEND',
    password: frontendPassword,
    requestId,
    payload,
    actor,
  });
  return reply.response ? { code: reply.response.code, data: reply.response.data, requestId } : { code: reply.err!.code, requestId };
}

async function http(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${stack.url(path.startsWith('/audit') ? 'audit' : 'auth')}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const listed = async (who: Employee, filter: object = {}) => {
  const page = await call('sales.account.list.v1', { limit: 200, ...filter }, who.token);
  expect(page.code).toBe(0);
  return (page.data.items as Array<{ accountNo: string }>).map((c) => c.accountNo);
};

const A = { accountNo: `A-${Date.now()}`, name: 'Zhang San', phone: '+86 139 0000 1234', email: 'zhang.san@example.com' };
const B = { accountNo: `B-${Date.now()}`, name: 'Li Si', phone: '13800138000' };
let accountA: any;
let accountB: any;

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'sales', 'audit'] });
  client = await RawClient.connect();
  frontendPassword = await stack.createCaller('FRONTEND', ['sales.account.*']);
  [salesA, salesB, manager, admin, agent, auditor] = await Promise.all([
    stack.employee(['sales']),
    stack.employee(['sales']),
    stack.employee(['manager']),
    stack.employee(['administrator']),
    stack.employee(['service-agent']),
    stack.employee(['auditor']),
  ]);
  // The manager's sales team: themselves and salesA (not salesB).
  const team = await http('PUT', '/auth/teams/sales/north', admin.token, { members: [manager.employeeId, salesA.employeeId] });
  expect(team).toMatchObject({
    status: 200,
    json: { app: 'sales', team: 'north', members: [manager.employeeId, salesA.employeeId].sort() },
  });
  const created = await call('sales.account.create.v1', A, salesA.token);
  expect(created.code).toBe(0);
  accountA = created.data;
  const createdB = await call('sales.account.create.v1', B, salesB.token);
  expect(createdB.code).toBe(0);
  accountB = createdB.data;
});

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('data scopes', () => {
  it("a sales employee owns what they create and cannot get, update or list another's account (4040, as if missing)", async () => {
    expect(accountA.ownerId).toBe(salesA.employeeId);
    expect(await call('sales.account.get.v1', { accountId: accountA.accountId }, salesA.token)).toMatchObject({
      code: 0,
      data: { name: 'Zhang San' },
    });
    const other = await call('sales.account.get.v1', { accountId: accountB.accountId }, salesA.token);
    const missing = await call('sales.account.get.v1', { accountId: randomUUID() }, salesA.token);
    expect(other.code).toBe(4040);
    expect(missing.code).toBe(4040);
    expect(
      (await call('sales.account.update.v1', { accountId: accountB.accountId, version: 1, name: 'taken over' }, salesA.token)).code,
    ).toBe(4040);
    expect(await listed(salesA)).toEqual([A.accountNo]);
    expect(await listed(salesB)).toEqual([B.accountNo]);
    // A filter cannot widen the scope.
    expect(await listed(salesA, { ownerId: salesB.employeeId })).toEqual([]);
    // B is unchanged.
    expect(await call('sales.account.get.v1', { accountId: accountB.accountId }, salesB.token)).toMatchObject({
      code: 0,
      data: { name: 'Li Si', version: 1 },
    });
  });

  it("a manager sees their team's accounts and no one else's", async () => {
    expect((await call('sales.account.get.v1', { accountId: accountA.accountId }, manager.token)).code).toBe(0);
    expect((await call('sales.account.get.v1', { accountId: accountB.accountId }, manager.token)).code).toBe(4040);
    expect(await listed(manager)).toEqual([A.accountNo]);
  });

  it('teams are set by role.manage only, with known employees and business apps; the change is logged', async () => {
    expect((await http('PUT', '/auth/teams/sales/north', salesA.token, { members: [salesA.employeeId] })).json.code).toBe(4030);
    expect((await http('PUT', '/auth/teams/sales/north', admin.token, { members: ['E999999'] })).json).toMatchObject({
      code: 4220,
      details: [{ field: 'members' }],
    });
    expect((await http('PUT', '/auth/teams/audit/north', admin.token, { members: [] })).json).toMatchObject({
      code: 4220,
      details: [{ field: 'app' }],
    });
    expect((await http('GET', '/auth/teams', admin.token)).json).toEqual([
      { app: 'sales', team: 'north', members: [manager.employeeId, salesA.employeeId].sort() },
    ]);
    const entry = await waitFor(async () => {
      const r = await http('GET', `/audit/operations?entity=team&entityId=${encodeURIComponent('sales/north')}`, auditor.token);
      return r.json.items?.[0] ?? null;
    });
    expect(entry).toMatchObject({
      service: 'auth',
      actor: admin.employeeId,
      action: 'set-members',
      changes: [{ field: 'members', old: [], new: [manager.employeeId, salesA.employeeId].sort() }],
    });
  });

  it('an administrator sees all', async () => {
    expect((await call('sales.account.get.v1', { accountId: accountB.accountId }, admin.token)).code).toBe(0);
    expect((await listed(admin)).sort()).toEqual([A.accountNo, B.accountNo].sort());
  });

  it('lists page newest first with a cursor; a malformed cursor is 4220', async () => {
    const first = await call('sales.account.list.v1', { limit: 1 }, admin.token);
    expect(first.data.items.map((c: any) => c.accountNo)).toEqual([B.accountNo]);
    const second = await call('sales.account.list.v1', { limit: 1, cursor: first.data.nextCursor }, admin.token);
    expect(second.data).toMatchObject({ items: [{ accountId: accountA.accountId }], nextCursor: null });
    expect((await call('sales.account.list.v1', { cursor: 'x' }, admin.token)).code).toBe(4220);
    // The kit's signed cursor: an edited one, and one of the earlier `<ms>_<uuid>` format, are refused too.
    const cursor: string = first.data.nextCursor;
    const edited = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
    expect((await call('sales.account.list.v1', { limit: 1, cursor: edited }, admin.token)).code).toBe(4220);
    expect((await call('sales.account.list.v1', { limit: 1, cursor: `${Date.now()}_${randomUUID()}` }, admin.token)).code).toBe(4220);
  });
});

describe('masked personal fields', () => {
  it('a service agent sees phone and e-mail masked, in a reply and in a list alike; so does the sales employee without customer.pii.read', async () => {
    const got = await call('sales.account.get.v1', { accountId: accountA.accountId }, agent.token);
    expect(got).toMatchObject({ code: 0, data: { name: 'Zhang San', phone: '139****1234', email: 'z***@example.com' } });
    const page = await call('sales.account.list.v1', {}, agent.token);
    expect(page.data.items.find((c: any) => c.accountNo === B.accountNo)).toMatchObject({ phone: '138****8000', email: null });
    expect(accountA).toMatchObject({ phone: '139****1234', email: 'z***@example.com' });
  });

  it('an employee with customer.pii.read sees them, and the read is in the operation log (ids and fields, never values)', async () => {
    const got = await call('sales.account.get.v1', { accountId: accountA.accountId }, admin.token);
    expect(got).toMatchObject({ code: 0, data: { phone: A.phone, email: A.email } });
    const reads = async () => {
      const r = await http('GET', `/audit/operations?entity=account&entityId=${accountA.accountId}&action=read-unmasked`, auditor.token);
      expect(r.status).toBe(200);
      return r.json.items as any[];
    };
    const entry = await waitFor(async () => (await reads()).find((e) => e.requestId === got.requestId) ?? null);
    expect(entry).toMatchObject({
      service: 'sales',
      actorType: 'employee',
      actor: admin.employeeId,
      changes: [
        { field: 'accountIds', old: null, new: [accountA.accountId] },
        { field: 'fields', old: null, new: ['email', 'phone'] },
      ],
    });
    // Masked reads are not unmasked reads: the agent's and the sales employee's left no such entry.
    expect((await reads()).filter((e) => e.actor !== admin.employeeId)).toEqual([]);
    for (const value of [A.phone, '13900001234', A.email]) expect(JSON.stringify(entry)).not.toContain(value);
  });

  it('a list read with unmasked fields is one entry naming every account shown', async () => {
    const page = await call('sales.account.list.v1', {}, admin.token);
    expect(page.code).toBe(0);
    const entry = await waitFor(async () => {
      const r = await http('GET', `/audit/operations?entity=account&entityId=${encodeURIComponent('2 accounts')}`, auditor.token);
      return (r.json.items as any[]).find((e) => e.requestId === page.requestId) ?? null;
    });
    expect(entry.changes[0].new.sort()).toEqual(page.data.items.map((c: any) => c.accountId).sort());
    expect(entry.changes[1].new).toEqual(['email', 'phone']);
  });
});
