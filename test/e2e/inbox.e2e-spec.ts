import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { ACCOUNT_CREATED_V1, ACCOUNT_UPDATED_V1, names } from '@crm/contracts';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * The event inbox (`@crm/inbox`) on its first real flow, with the built apps as processes: sales
 * publishes account events, service keeps its account directory from them (queue
 * `<ns>.service.in.account-directory`) and matches EOMS work orders to accounts by account number.
 * Exactly once per eventId, refusals dead-lettered, and nothing lost while service is stopped.
 */

jest.setTimeout(120_000);

let stack: Stack;
let client: RawClient;
let conn: ChannelModel;
let ch: Channel;
let frontendPassword: string;
let eomsPassword: string;
let salesToken: string;
let inboxQueue: string;
let deadQueue: string;

interface DirectoryRow {
  account_id: string;
  account_no: string;
  name: string;
  segment: string;
  version: number;
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'sales', 'service'] });
  client = await RawClient.connect();
  conn = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  ch = await conn.createChannel();
  inboxQueue = names.inboxQueue(stack.ns, 'service', 'account-directory');
  deadQueue = names.inboxDeadQueue(stack.ns, 'service', 'account-directory');
  frontendPassword = await stack.createCaller('FRONTEND', ['sales.account.*']);
  eomsPassword = await stack.createCaller('EOMS', ['service.workorder.dispatch.v1', 'service.workorder.query.v1']);
  salesToken = (await stack.employee(['sales'])).token;
}, 180_000);

afterAll(async () => {
  await ch?.close().catch(() => undefined);
  await conn?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

async function createAccount(accountNo: string, name: string): Promise<{ accountId: string; version: number }> {
  const reply = await client.call(stack.queue('sales'), 'sales.account.create.v1', {
    caller: 'FRONTEND',
    password: frontendPassword,
    actor: salesToken,
    payload: { accountNo, name, phone: '+86 139 0000 0000', email: 'someone@example.com', segment: 'business' },
  });
  expect(reply.err).toBeUndefined();
  return reply.response!.data;
}

async function directory(accountNo: string): Promise<DirectoryRow | undefined> {
  const db = await stack.db('service');
  try {
    const [rows] = await db.query<any[]>(
      'SELECT account_id, account_no, name, segment, version FROM account_directory WHERE account_no = ?',
      [accountNo],
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

async function inboxRows(eventId: string): Promise<number> {
  const db = await stack.db('service');
  try {
    const [rows] = await db.query<any[]>('SELECT COUNT(*) AS n FROM inbox WHERE purpose = ? AND event_id = ?', [
      'account-directory',
      eventId,
    ]);
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

/** Publishes as the apps do: an event object is sealed with the installation's key; raw bytes go as they are. */
function publishEvent(pattern: string, body: Buffer | { pattern: string; data: object }): void {
  const content = Buffer.isBuffer(body) ? body : stack.sealedEvent(body.pattern, body.data);
  ch.publish(names.eventsExchange(stack.ns), pattern, content, { persistent: true, contentType: 'application/json' });
}

function accountEvent(pattern: string, eventId: string, c: { accountId: string; accountNo: string; name: string; version: number }) {
  return {
    pattern,
    data: {
      eventId,
      occurredAt: new Date().toISOString(),
      caller: 'FRONTEND',
      employeeId: null,
      ...c,
      segment: 'business',
      updatedAt: new Date().toISOString(),
    },
  };
}

function dispatch(orderNo: string, accountNo: string) {
  return client.call(stack.queue('service'), 'service.workorder.dispatch.v1', {
    caller: 'EOMS',
    password: eomsPassword,
    payload: {
      orderNo,
      type: 'fault',
      title: 'Broadband down',
      description: 'No sync since 08:00',
      priority: 'high',
      customer: { accountNo, name: 'Li Lei', phone: '+86 138 0000 0000' },
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      dispatchedAt: new Date().toISOString(),
    },
  });
}

async function workOrderView(orderNo: string): Promise<any> {
  const reply = await client.call(stack.queue('service'), 'service.workorder.query.v1', {
    caller: 'EOMS',
    password: eomsPassword,
    payload: { orderNo },
  });
  expect(reply.err).toBeUndefined();
  return reply.response!.data;
}

describe('service account directory from sales account events', () => {
  it('an account created (then renamed) in sales appears in service, without personal data', async () => {
    const accountNo = `ACC-${randomUUID().slice(0, 8)}`;
    const created = await createAccount(accountNo, 'Han Meimei');
    const row = await until(
      'the directory row',
      () => directory(accountNo),
      (r) => r !== undefined,
    );
    expect(row).toEqual({ account_id: created.accountId, account_no: accountNo, name: 'Han Meimei', segment: 'business', version: 1 });
    const renamed = await client.call(stack.queue('sales'), 'sales.account.update.v1', {
      caller: 'FRONTEND',
      password: frontendPassword,
      actor: salesToken,
      payload: { accountId: created.accountId, version: 1, name: 'Han Meimei (VIP)' },
    });
    expect(renamed.response?.data.version).toBe(2);
    await until(
      'the renamed row',
      () => directory(accountNo),
      (r) => r?.version === 2,
    );
    expect((await directory(accountNo))!.name).toBe('Han Meimei (VIP)');
    const db = await stack.db('service');
    try {
      const [columns] = await db.query<any[]>(
        "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'account_directory'",
      );
      const [phones] = await db.query<any[]>(
        "SELECT COUNT(*) AS n FROM account_directory WHERE CONCAT_WS('|', name, account_no) LIKE '%139%'",
      );
      expect(Number(phones[0].n)).toBe(0);
      expect(columns.map((r) => String(r.c).toLowerCase()).sort()).toEqual([
        'account_id',
        'account_no',
        'name',
        'segment',
        'source_updated_at',
        'version',
      ]);
    } finally {
      await db.end();
    }
  });

  it('applies an event once even when it is published again with the same eventId', async () => {
    const a = { accountId: randomUUID(), accountNo: `ACC-${randomUUID().slice(0, 8)}`, name: 'Ten', version: 10 };
    const eventId = randomUUID();
    publishEvent(ACCOUNT_UPDATED_V1, accountEvent(ACCOUNT_UPDATED_V1, eventId, a));
    await until(
      'the first copy applied',
      () => directory(a.accountNo),
      (r) => r?.version === 10,
    );
    // The same event id again, even with newer content, is the same event: not applied a second time
    // (the directory would take version 11 if it were).
    publishEvent(ACCOUNT_UPDATED_V1, accountEvent(ACCOUNT_UPDATED_V1, eventId, { ...a, name: 'Eleven', version: 11 }));
    publishEvent(ACCOUNT_UPDATED_V1, accountEvent(ACCOUNT_UPDATED_V1, eventId, a));
    // Queued behind the copies: once it is applied, the copies have been settled.
    const b = { accountId: randomUUID(), accountNo: `ACC-${randomUUID().slice(0, 8)}`, name: 'Marker', version: 1 };
    publishEvent(ACCOUNT_CREATED_V1, accountEvent(ACCOUNT_CREATED_V1, randomUUID(), b));
    await until(
      'the marker applied',
      () => directory(b.accountNo),
      (r) => r !== undefined,
    );
    expect(await directory(a.accountNo)).toMatchObject({ name: 'Ten', version: 10 });
    expect(await inboxRows(eventId)).toBe(1);
    await until(
      'the copies acknowledged',
      async () => (await ch.checkQueue(inboxQueue)).messageCount,
      (n) => n === 0,
    );
  });

  it('keeps the newest version when an older change of the same account arrives late', async () => {
    const a = { accountId: randomUUID(), accountNo: `ACC-${randomUUID().slice(0, 8)}`, name: 'Three', version: 3 };
    publishEvent(ACCOUNT_UPDATED_V1, accountEvent(ACCOUNT_UPDATED_V1, randomUUID(), a));
    await until(
      'version 3 applied',
      () => directory(a.accountNo),
      (r) => r?.version === 3,
    );
    const lateId = randomUUID();
    publishEvent(ACCOUNT_CREATED_V1, accountEvent(ACCOUNT_CREATED_V1, lateId, { ...a, name: 'One', version: 1 }));
    const marker = { accountId: randomUUID(), accountNo: `ACC-${randomUUID().slice(0, 8)}`, name: 'Marker', version: 1 };
    publishEvent(ACCOUNT_CREATED_V1, accountEvent(ACCOUNT_CREATED_V1, randomUUID(), marker));
    await until(
      'the marker applied',
      () => directory(marker.accountNo),
      (r) => r !== undefined,
    );
    expect(await inboxRows(lateId)).toBe(1);
    expect(await directory(a.accountNo)).toMatchObject({ name: 'Three', version: 3 });
  });

  it('dead-letters a malformed, an invalid and an unsealed event with a readable log line, and goes on consuming', async () => {
    const before = (await ch.checkQueue(deadQueue)).messageCount;
    publishEvent(ACCOUNT_CREATED_V1, Buffer.from('{"pattern": "sales.account.created.v1", "data": {'));
    const invalidId = randomUUID();
    const invalid = accountEvent(ACCOUNT_CREATED_V1, invalidId, {
      accountId: randomUUID(),
      accountNo: '',
      name: 'No account',
      version: 1,
    });
    publishEvent(ACCOUNT_CREATED_V1, invalid);
    // A well-formed event that no CRM app sealed (anyone with broker access could publish it).
    const unsealedId = randomUUID();
    const unsealed = accountEvent(ACCOUNT_CREATED_V1, unsealedId, {
      accountId: randomUUID(),
      accountNo: `ACC-${randomUUID().slice(0, 8)}`,
      name: 'Forged',
      version: 1,
    });
    publishEvent(ACCOUNT_CREATED_V1, Buffer.from(JSON.stringify(unsealed)));
    const good = { accountId: randomUUID(), accountNo: `ACC-${randomUUID().slice(0, 8)}`, name: 'After the bad ones', version: 1 };
    publishEvent(ACCOUNT_CREATED_V1, accountEvent(ACCOUNT_CREATED_V1, randomUUID(), good));
    await until(
      'the good event applied',
      () => directory(good.accountNo),
      (r) => r !== undefined,
    );
    await until(
      'three events in the dead queue',
      async () => (await ch.checkQueue(deadQueue)).messageCount,
      (n) => n === before + 3,
    );
    expect(await inboxRows(invalidId)).toBe(0);
    expect(await inboxRows(unsealedId)).toBe(0);
    expect(await directory(unsealed.data.accountNo)).toBeUndefined();
    const refusals = stack
      .logs()
      .split('\n')
      .filter((l) => l.includes('inbox event refused'));
    expect(refusals.some((l) => l.includes('not JSON'))).toBe(true);
    const invalidLine = refusals.find((l) => l.includes(invalidId));
    expect(invalidLine).toContain('payload failed validation');
    expect(invalidLine).toContain('accountNo');
    expect(invalidLine).toContain(deadQueue);
    expect(refusals.some((l) => l.includes('not sealed by a CRM app (mac missing)'))).toBe(true);
    // The dead queue keeps the original bytes for an operator.
    const kept: string[] = [];
    for (let m = await ch.get(deadQueue, { noAck: true }); m; m = await ch.get(deadQueue, { noAck: true })) kept.push(m.content.toString());
    expect(kept.some((k) => k.includes(invalidId))).toBe(true);
  });

  it('applies accounts created while service was stopped once it is back, and EOMS work orders then carry accountId', async () => {
    await stack.killApp('service', 'SIGTERM');
    const accounts = [0, 1, 2].map((i) => `ACC-${randomUUID().slice(0, 8)}-${i}`);
    const created = [];
    for (const accountNo of accounts) created.push(await createAccount(accountNo, `Offline ${accountNo}`));
    // Durable queue: the events wait for service.
    await until(
      'three events waiting',
      async () => (await ch.checkQueue(inboxQueue)).messageCount,
      (n) => n >= 3,
    );
    for (const accountNo of accounts) expect(await directory(accountNo)).toBeUndefined();
    await stack.startApp('service');
    for (const [i, accountNo] of accounts.entries()) {
      const row = await until(
        `${accountNo} applied after the restart`,
        () => directory(accountNo),
        (r) => r !== undefined,
        30_000,
      );
      expect(row!.account_id).toBe(created[i].accountId);
    }
    const orderNo = `EOMS-${randomUUID().slice(0, 8)}`;
    expect((await dispatch(orderNo, accounts[1])).response?.code).toBe(0);
    expect(await workOrderView(orderNo)).toMatchObject({
      orderNo,
      customer: { accountNo: accounts[1] },
      accountId: created[1].accountId,
      // The deprecated alias EOMS clients may still read.
      customerId: created[1].accountId,
    });
    const unknown = `EOMS-${randomUUID().slice(0, 8)}`;
    expect((await dispatch(unknown, 'ACC-NOT-IN-SALES')).response?.code).toBe(0);
    expect(await workOrderView(unknown)).toMatchObject({ accountId: null, customerId: null });
  });
});
