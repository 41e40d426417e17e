import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomInt, randomUUID } from 'node:crypto';
import { registrationCheckChar } from '@crm/contracts';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';

jest.setTimeout(120_000);

/**
 * Accounts and contacts (SPEC §6.2) over raw amqplib, as a front end calls: its system caller plus
 * the employee's token. Duplicates are refused with 4090 naming the existing account (also when
 * created concurrently), a stale version is 4090, a rep cannot see another rep's account or its
 * contacts (4040) while their manager and an administrator can.
 */
type Employee = { employeeId: string; token: string };
type Reply = { code: number; data?: any; message?: string; details?: Array<{ field: string; reasons: string[] }> };
let stack: Stack;
let client: RawClient;
let frontendPassword: string;
let repA: Employee, repB: Employee, manager: Employee, admin: Employee;

async function call(pattern: string, payload: unknown, who: Employee): Promise<Reply> {
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: 'FRONTEND',
    password: frontendPassword,
    payload,
    actor: who.token,
  });
  if (reply.response) return { code: reply.response.code, data: reply.response.data };
  return { code: reply.err!.code, message: reply.err!.message, details: reply.err!.details as Reply['details'] };
}

/** A fresh, valid unified social credit code (its check character computed). */
function registrationNo(): string {
  const first17 = `9144030078${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  return first17 + registrationCheckChar(first17);
}

const suffix = randomUUID().slice(0, 6);
let xinghe: any;

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'sales'] });
  client = await RawClient.connect();
  frontendPassword = await stack.createCaller('FRONTEND', ['sales.account.*', 'sales.contact.*']);
  [repA, repB, manager, admin] = await Promise.all([
    stack.employee(['sales']),
    stack.employee(['sales']),
    stack.employee(['manager']),
    stack.employee(['administrator']),
  ]);
  const team = await fetch(`${stack.url('auth')}/auth/teams/sales/north`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ members: [manager.employeeId, repA.employeeId] }),
  });
  expect(team.status).toBe(200);
  const created = await call(
    'sales.account.create.v1',
    {
      name: `深圳市星河数据科技${suffix}有限公司`,
      registrationNo: registrationNo(),
      industryCode: 'i6510',
      regionCode: '440300',
      segment: 'business',
      phone: '+86 139 0000 1234',
      email: 'it@xinghe.example.com',
    },
    repA,
  );
  expect(created).toMatchObject({ code: 0, data: { ownerId: repA.employeeId, industryCode: 'I6510', version: 1, phone: '139****1234' } });
  xinghe = created.data;
}, 180_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('duplicate accounts', () => {
  it('the same registration number is refused with 4090 naming the existing account', async () => {
    const dup = await call('sales.account.create.v1', { name: 'A different name', registrationNo: xinghe.registrationNo }, repB);
    expect(dup.code).toBe(4090);
    expect(dup.message).toContain(xinghe.accountId);
    expect(dup.message).toContain(xinghe.accountNo);
    expect(dup.details).toEqual([
      { field: 'registrationNo', reasons: [`duplicate of account ${xinghe.accountId} (${xinghe.accountNo})`] },
      { field: 'existingAccountId', reasons: [xinghe.accountId] },
      { field: 'existingAccountNo', reasons: [xinghe.accountNo] },
    ]);
  });

  it('the same normalised name in the same region is refused; in another region it is another account', async () => {
    const variant = `深圳市星河数据科技${suffix} 股份有限公司`;
    const dup = await call('sales.account.create.v1', { name: variant, regionCode: '440300' }, repB);
    expect(dup.code).toBe(4090);
    expect(dup.details?.[0]).toEqual({ field: 'name', reasons: [`duplicate of account ${xinghe.accountId} (${xinghe.accountNo})`] });
    expect((await call('sales.account.create.v1', { name: variant, regionCode: '110105' }, repB)).code).toBe(0);
  });

  it('concurrent creates of one company: exactly one succeeds, the others are 4090 naming it', async () => {
    const names = [
      'ACME Telecom Co., Ltd.',
      'Acme Telecom Co Ltd',
      'ＡＣＭＥ Telecom',
      'acme  telecom limited',
      'Acme Telecom, Inc.',
      'ACME TELECOM',
    ];
    const replies = await Promise.all(names.map((name) => call('sales.account.create.v1', { name, regionCode: '310115' }, repA)));
    const won = replies.filter((r) => r.code === 0);
    expect(won).toHaveLength(1);
    const winner = won[0]!.data;
    for (const r of replies.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(4090);
      expect(r.details?.find((d) => d.field === 'existingAccountId')?.reasons).toEqual([winner.accountId]);
    }
  });

  it('bad codes are 4220 naming each field', async () => {
    const bad = await call(
      'sales.account.create.v1',
      { name: 'Bad codes', registrationNo: '914403007800000001', industryCode: 'I99', regionCode: '990000', parentId: 'x' },
      repA,
    );
    expect(bad.code).toBe(4220);
    expect(bad.details!.map((d) => d.field).sort()).toEqual(['industryCode', 'parentId', 'regionCode', 'registrationNo']);
  });
});

describe('versions, hierarchy and scope', () => {
  it('an update needs the current version: a stale one is 4090', async () => {
    const first = await call('sales.account.update.v1', { accountId: xinghe.accountId, version: 1, segment: 'government' }, repA);
    expect(first).toMatchObject({ code: 0, data: { segment: 'government', version: 2 } });
    const stale = await call('sales.account.update.v1', { accountId: xinghe.accountId, version: 1, segment: 'wholesale' }, repA);
    expect(stale.code).toBe(4090);
    expect(stale.message).toContain('stale version');
    expect((await call('sales.account.update.v1', { accountId: xinghe.accountId, segment: 'wholesale' }, repA)).code).toBe(4220);
  });

  it('a child account lists under its parent; making the parent its child is a cycle (4220)', async () => {
    const child = await call(
      'sales.account.create.v1',
      { name: `星河数据深圳南山${suffix}分公司`, regionCode: '440305', parentId: xinghe.accountId },
      repA,
    );
    expect(child).toMatchObject({ code: 0, data: { parentId: xinghe.accountId } });
    const cycle = await call('sales.account.update.v1', { accountId: xinghe.accountId, version: 2, parentId: child.data.accountId }, repA);
    expect(cycle).toMatchObject({ code: 4220, details: [{ field: 'parentId' }] });
    const tree = await call('sales.account.hierarchy.v1', { accountId: child.data.accountId }, repA);
    expect(tree.data.ancestors.map((a: any) => a.accountId)).toEqual([xinghe.accountId]);
    const listed = await call('sales.account.list.v1', { parentId: xinghe.accountId }, repA);
    expect(listed.data.items.map((a: any) => a.accountId)).toEqual([child.data.accountId]);
    // A parent outside the caller's scope is as missing.
    expect((await call('sales.account.create.v1', { name: `B's subsidiary ${suffix}`, parentId: xinghe.accountId }, repB)).code).toBe(4040);
  });

  it("a rep cannot see another rep's account (4040, not listed) while the manager of the team and an administrator can", async () => {
    const get = (who: Employee) => call('sales.account.get.v1', { accountId: xinghe.accountId }, who);
    expect((await get(repB)).code).toBe(4040);
    expect((await call('sales.account.update.v1', { accountId: xinghe.accountId, version: 2, name: 'taken over' }, repB)).code).toBe(4040);
    const listedB = await call('sales.account.list.v1', { regionCode: '440000', limit: 200 }, repB);
    expect(listedB.data.items.map((a: any) => a.accountId)).not.toContain(xinghe.accountId);
    expect((await get(manager)).code).toBe(0);
    expect(await get(admin)).toMatchObject({ code: 0, data: { phone: '+86 139 0000 1234' } });
    const listedManager = await call('sales.account.list.v1', { industryCode: 'I', regionCode: '440000' }, manager);
    expect(listedManager.data.items.map((a: any) => a.accountId)).toEqual([xinghe.accountId]);
    const byName = await call('sales.account.list.v1', { q: `深圳市星河数据科技${suffix}`, regionCode: '440300' }, admin);
    expect(byName.data.items.map((a: any) => a.accountId)).toEqual([xinghe.accountId]);
  });
});

describe('contacts', () => {
  it('people at an account with roles; one primary; masked phone; scope follows the account', async () => {
    const add = (payload: object, who: Employee = repA) =>
      call('sales.contact.create.v1', { accountId: xinghe.accountId, ...payload }, who);
    const cfo = await add({ name: 'Wang Fang', role: 'economic-buyer', title: 'CFO', phone: '13900001234', primary: true });
    expect(cfo).toMatchObject({ code: 0, data: { role: 'economic-buyer', title: 'CFO', phone: '139****1234', primary: true, version: 1 } });
    const cto = await add({ name: 'Li Ming', role: 'technical', email: 'li.ming@xinghe.example.com' });
    expect(cto).toMatchObject({ code: 0, data: { role: 'technical', email: 'l***@xinghe.example.com', primary: false } });
    expect((await add({ name: 'Nobody', role: 'ceo' })).details).toEqual([
      { field: 'role', reasons: [expect.stringContaining('role must be one of')] },
    ]);

    const promoted = await call('sales.contact.update.v1', { contactId: cto.data.contactId, version: 1, primary: true }, repA);
    expect(promoted).toMatchObject({ code: 0, data: { primary: true, version: 2 } });
    expect(await call('sales.contact.get.v1', { contactId: cfo.data.contactId }, repA)).toMatchObject({
      code: 0,
      data: { primary: false, version: 2 },
    });
    const stale = await call('sales.contact.update.v1', { contactId: cfo.data.contactId, version: 1, title: 'Group CFO' }, repA);
    expect(stale.code).toBe(4090);
    const primaries = await call('sales.contact.list.v1', { accountId: xinghe.accountId, primary: true }, repA);
    expect(primaries.data.items.map((c: any) => c.contactId)).toEqual([cto.data.contactId]);

    // Another rep: the account's contacts are as missing; their manager and an administrator see them.
    expect((await add({ name: 'Intruder' }, repB)).code).toBe(4040);
    expect((await call('sales.contact.get.v1', { contactId: cfo.data.contactId }, repB)).code).toBe(4040);
    expect((await call('sales.contact.list.v1', { accountId: xinghe.accountId }, repB)).data.items).toEqual([]);
    expect((await call('sales.contact.get.v1', { contactId: cfo.data.contactId }, manager)).code).toBe(0);
    expect(await call('sales.contact.get.v1', { contactId: cfo.data.contactId }, admin)).toMatchObject({
      code: 0,
      data: { phone: '13900001234' },
    });
  });
});
