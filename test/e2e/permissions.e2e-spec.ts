import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

jest.setTimeout(120_000);

/**
 * SPEC §3.3: a front end calls the apps as its own system caller and passes the employee's token as
 * `actor`; each handler declares the permission it needs and the shared guard checks it.
 */
let stack: Stack;
let client: RawClient;
let frontendPassword: string;
let sales: { employeeId: string; token: string };
let agent: { employeeId: string; token: string };
let auditor: { employeeId: string; token: string };

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'sales', 'audit'] });
  client = await RawClient.connect();
  frontendPassword = await stack.createCaller('FRONTEND', ['sales.account.*']);
  [sales, agent, auditor] = await Promise.all([stack.employee(['sales']), stack.employee(['service-agent']), stack.employee(['auditor'])]);
});

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

async function call(pattern: string, payload: unknown, actor?: string): Promise<{ code: number; data?: any; requestId: string }> {
  const requestId = `rq-${randomUUID()}`;
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: 'FRONTEND',
    password: frontendPassword,
    requestId,
    payload,
    ...(actor ? { actor } : {}),
  });
  return reply.response ? { code: reply.response.code, data: reply.response.data, requestId } : { code: reply.err!.code, requestId };
}

async function audit(path: string): Promise<any> {
  const res = await fetch(`${stack.url('audit')}${path}`, { headers: { authorization: `Bearer ${auditor.token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

describe('permissions per operation', () => {
  const account = { accountNo: `ACC-${Date.now()}`, name: 'Han Meimei', phone: '+86 139 0000 0000', segment: 'business' };
  let accountId: string;

  it('a service agent may read accounts but not create them (4030); a sales employee may', async () => {
    expect((await call('sales.account.create.v1', account, agent.token)).code).toBe(4030);
    const created = await call('sales.account.create.v1', account, sales.token);
    expect(created).toMatchObject({
      code: 0,
      data: { accountNo: account.accountNo, name: 'Han Meimei', segment: 'business', version: 1 },
    });
    accountId = created.data.accountId;
    expect(await call('sales.account.get.v1', { accountId }, agent.token)).toMatchObject({
      code: 0,
      data: { name: 'Han Meimei' },
    });
  });

  it('without an actor token the operation is 4010, whatever the caller may do', async () => {
    expect((await call('sales.account.get.v1', { accountId })).code).toBe(4010);
    expect((await call('sales.account.create.v1', { ...account, accountNo: 'X-1' })).code).toBe(4010);
  });

  it('an edit is in the operation log with old → new values and the employee who made it', async () => {
    const updated = await call(
      'sales.account.update.v1',
      { accountId, version: 1, name: 'Han Meimei (VIP)', phone: '+86 139 1111 1111' },
      sales.token,
    );
    expect(updated).toMatchObject({ code: 0, data: { name: 'Han Meimei (VIP)', version: 2 } });
    const items = await waitFor(async () => {
      const page = await audit(`/audit/operations?entity=account&entityId=${updated.data.accountId}`);
      return page.items.length >= 2 ? page.items : null;
    });
    expect(items[0]).toMatchObject({
      service: 'sales',
      actorType: 'employee',
      actor: sales.employeeId,
      action: 'update',
      requestId: updated.requestId,
      changes: [
        { field: 'name', old: 'Han Meimei', new: 'Han Meimei (VIP)' },
        { field: 'phone', old: '+86 139 0000 0000', new: '+86 139 1111 1111' },
      ],
    });
    expect(items[1]).toMatchObject({ action: 'create', actor: sales.employeeId });
    // The call log names the employee behind the front end.
    const calls = await waitFor(async () => {
      const page = await audit(`/audit/calls?requestId=${updated.requestId}`);
      return page.items.length ? page.items : null;
    });
    expect(calls[0]).toMatchObject({ caller: 'FRONTEND', actor: sales.employeeId, code: 0 });
  });

  it('bad input is 4220 with details, a duplicate account 4090, an unknown one 4040', async () => {
    const bad = await client.call(stack.queue('sales'), 'sales.account.create.v1', {
      caller: 'FRONTEND',
      password: frontendPassword,
      actor: sales.token,
      payload: { accountNo: 'has spaces', name: '', email: 'nope', segment: 'alien' },
    });
    expect(bad.err).toMatchObject({ code: 4220 });
    expect((bad.err!.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual(['accountNo', 'email', 'name', 'segment']);
    expect((await call('sales.account.create.v1', account, sales.token)).code).toBe(4090);
    expect((await call('sales.account.update.v1', { accountId: randomUUID(), version: 1, name: 'x' }, sales.token)).code).toBe(4040);
  });
});
