import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { ACCOUNT_CREATED_V1, CONTRACT_ACTIVATED_V1, CONTRACT_TERMINATED_V1, names } from '@crm/contracts';
import { RawClient, type RawReply } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Assets and entitlements from sales contract events, over the wire with the built apps: sealed
 * `sales.contract.activated.v1` published on `<ns>.events` as sales would (redelivered under the same
 * eventId and re-sent under a new one) yields the assets and the entitlement once, and one
 * `service.entitlement.granted.v1`; entitlement checks, asset reads, recommendations with reasons
 * that never offer what the account holds or what a held product excludes; 4030 without `asset.read`.
 */

jest.setTimeout(90_000);

let stack: Stack;
let client: RawClient;
let conn: ChannelModel;
let ch: Channel;
let frontendPassword: string;
let agentToken: string;
let salesToken: string;
const granted: Record<string, any>[] = [];
const EVENTS_QUEUE = `test.asset-events.${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'service'] });
  client = await RawClient.connect();
  conn = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  ch = await conn.createChannel();
  await ch.assertQueue(EVENTS_QUEUE, { durable: false, exclusive: true });
  await ch.bindQueue(EVENTS_QUEUE, names.eventsExchange(stack.ns), 'service.entitlement.granted.v1');
  await ch.consume(EVENTS_QUEUE, (msg) => msg && granted.push(JSON.parse(msg.content.toString()).data), { noAck: true });
  [frontendPassword, agentToken, salesToken] = await Promise.all([
    stack.createCaller('FRONTEND', ['service.asset.*', 'service.entitlement.*', 'service.recommendation.*']),
    stack.employee(['service-agent']).then((e) => e.token),
    stack.employee(['sales']).then((e) => e.token),
  ]);
}, 120_000);

afterAll(async () => {
  await ch?.close().catch(() => undefined);
  await conn?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

function publish(pattern: string, data: object): void {
  ch.publish(names.eventsExchange(stack.ns), pattern, stack.sealedEvent(pattern, data), {
    persistent: true,
    contentType: 'application/json',
  });
}

interface Line {
  sku: string;
  name: string;
  quantity?: string;
}

/** A contract view as sales publishes it (docs/sales/contracts-and-partners.md). */
function contractView(accountId: string, lines: Line[], o: Record<string, unknown> = {}) {
  const contractId = randomUUID();
  return {
    contractId,
    contractNo: `CT-20261101-${contractId.slice(0, 4).toUpperCase()}`,
    name: 'Service contract',
    accountId,
    quoteId: null,
    opportunityId: null,
    status: 'active',
    startDate: '2026-11-01',
    endDate: '2027-10-31',
    termMonths: 12,
    currency: 'CNY',
    value: '0.00',
    lines: lines.map((l, i) => ({
      lineNo: i + 1,
      productId: randomUUID(),
      sku: l.sku,
      name: l.name,
      quantity: l.quantity ?? '1',
      unitPrice: '0',
      amount: '0.00',
    })),
    ownerId: 'E100001',
    predecessorId: null,
    successorId: null,
    activatedAt: '2026-11-01T08:00:00.000Z',
    activatedBy: 'E100001',
    terminatedAt: null,
    terminationReason: null,
    terminationEffectiveDate: null,
    renewalNoticeAt: null,
    version: 2,
    createdAt: '2026-10-30T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...o,
  };
}

const envelope = (eventId: string) => ({ eventId, occurredAt: new Date().toISOString(), caller: 'FRONTEND', employeeId: 'E100001' });

function call(pattern: string, payload: object, actor = agentToken): Promise<RawReply> {
  return client.call(stack.queue('service'), pattern, { caller: 'FRONTEND', password: frontendPassword, actor, payload });
}

async function ok(pattern: string, payload: object): Promise<any> {
  const reply = await call(pattern, payload);
  expect(reply.err).toBeUndefined();
  return reply.response!.data;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const db = await stack.db('service');
  try {
    const [rows] = await db.query<any[]>(sql, params);
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

const applied = (eventIds: string[]) =>
  until(
    `inbox rows for ${eventIds.join(', ')}`,
    () => count('SELECT COUNT(*) AS n FROM inbox WHERE purpose = ? AND event_id IN (?)', ['assets', eventIds]),
    (n) => n === eventIds.length,
  );

describe('assets and entitlements from sales.contract.activated.v1', () => {
  const account = randomUUID();
  const other = randomUUID();
  const contract = contractView(account, [
    { sku: 'BB-1000', name: 'Gigabit broadband' },
    { sku: 'SUP-PREM', name: 'Premium support' },
  ]);

  it('redelivered under the same eventId and re-sent under a new one: assets and entitlement made once, one event', async () => {
    const first = randomUUID();
    publish(CONTRACT_ACTIVATED_V1, { ...envelope(first), ...contract });
    publish(CONTRACT_ACTIVATED_V1, { ...envelope(first), ...contract });
    const resent = randomUUID();
    publish(CONTRACT_ACTIVATED_V1, { ...envelope(resent), ...contract });
    await applied([first, resent]);

    expect(await count('SELECT COUNT(*) AS n FROM asset WHERE contract_id = ?', [contract.contractId])).toBe(2);
    expect(await count('SELECT COUNT(*) AS n FROM entitlement WHERE contract_id = ?', [contract.contractId])).toBe(1);
    await until(
      'the granted event',
      () => granted.filter((g) => g.contractId === contract.contractId),
      (g) => g.length >= 1,
    );
    await new Promise((r) => setTimeout(r, 500));
    const events = granted.filter((g) => g.contractId === contract.contractId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      accountId: account,
      tier: 'gold',
      slaPolicyId: null,
      validFrom: '2026-11-01',
      validTo: '2027-10-31',
    });
    expect(events[0]!.assetIds).toHaveLength(2);
  });

  it('entitlement check: entitled within the term for that account, not for another, not after the term', async () => {
    const yes = await ok('service.entitlement.check.v1', { accountId: account, at: '2027-03-01T09:00:00Z' });
    expect(yes).toEqual({
      entitled: true,
      entitlementId: expect.any(String),
      tier: 'gold',
      slaPolicyId: null,
      validTo: '2027-10-31',
      contractId: contract.contractId,
    });
    expect(await ok('service.entitlement.check.v1', { accountId: other, at: '2027-03-01T09:00:00Z' })).toEqual({
      entitled: false,
      reason: 'no active entitlement for this account',
    });
    expect((await ok('service.entitlement.check.v1', { accountId: account, at: '2027-11-01T00:00:00Z' })).entitled).toBe(false);
    const list = await ok('service.entitlement.list.v1', { accountId: account });
    expect(list.items.map((e: any) => e.entitlementId)).toEqual([yes.entitlementId]);
  });

  it('asset list (filters, keyset pages) and get', async () => {
    const page1 = await ok('service.asset.list.v1', { accountId: account, status: 'active', limit: 1 });
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await ok('service.asset.list.v1', { accountId: account, status: 'active', limit: 1, cursor: page1.nextCursor });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const skus = [...page1.items, ...page2.items].map((a: any) => a.sku).sort();
    expect(skus).toEqual(['BB-1000', 'SUP-PREM']);
    const one = await ok('service.asset.get.v1', { assetId: page1.items[0].assetId });
    expect(one).toMatchObject({ accountId: account, contractId: contract.contractId, contractNo: contract.contractNo, status: 'active' });
    expect(one).not.toHaveProperty('unitPrice');
    expect((await ok('service.asset.list.v1', { accountId: other })).items).toEqual([]);
  });

  it('a termination ends the entitlement the day before its effective date', async () => {
    const acct = randomUUID();
    const c = contractView(acct, [{ sku: 'AD-METRO', name: 'Metro screens', quantity: '3' }]);
    const a = randomUUID();
    const t = randomUUID();
    publish(CONTRACT_ACTIVATED_V1, { ...envelope(a), ...c });
    publish(CONTRACT_TERMINATED_V1, {
      ...envelope(t),
      ...c,
      status: 'terminated',
      terminationReason: 'customer moved',
      terminationEffectiveDate: '2027-03-01',
      version: 3,
    });
    await applied([a, t]);
    expect((await ok('service.entitlement.check.v1', { accountId: acct, at: '2027-02-28T12:00:00Z' })).entitled).toBe(true);
    expect((await ok('service.entitlement.check.v1', { accountId: acct, at: '2027-03-01T00:00:00Z' })).entitled).toBe(false);
    const assets = await ok('service.asset.list.v1', { contractId: c.contractId });
    expect(assets.items.map((x: any) => [x.status, x.endsOn, x.quantity])).toEqual([['ended', '2027-02-28', '3']]);
  });

  it('recommendations: reasons with counts, never what the account holds or what a held product excludes', async () => {
    // Three similar accounts (same industry division and segment) hold broadband with a static IP and standard support.
    const peers = [randomUUID(), randomUUID(), randomUUID()];
    const eventIds: string[] = [];
    for (const [i, id] of [account, ...peers].entries()) {
      publish(ACCOUNT_CREATED_V1, {
        ...envelope(randomUUID()),
        accountId: id,
        accountNo: `ACC-${id.slice(0, 8)}`,
        name: `Peer ${i}`,
        industryCode: 'I651',
        segment: 'business',
        version: 1,
        updatedAt: new Date().toISOString(),
      });
      if (i === 0) continue;
      const eventId = randomUUID();
      eventIds.push(eventId);
      publish(CONTRACT_ACTIVATED_V1, {
        ...envelope(eventId),
        ...contractView(id, [
          { sku: 'BB-1000', name: 'Gigabit broadband' },
          { sku: 'BB-IP', name: 'Static IP' },
          { sku: 'SUP-STD', name: 'Standard support' },
        ]),
      });
    }
    await applied(eventIds);
    await until(
      'account profiles',
      () => count('SELECT COUNT(*) AS n FROM recommendation_account_profile WHERE account_id IN (?)', [[account, ...peers]]),
      (n) => n === 4,
    );

    const rec = await ok('service.recommendation.list.v1', { accountId: account });
    const skus = rec.items.map((i: any) => i.sku);
    expect(skus).toContain('BB-IP');
    expect(skus).not.toContain('BB-1000'); // held
    expect(skus).not.toContain('SUP-PREM'); // held
    expect(skus).not.toContain('SUP-STD'); // excluded by the held SUP-PREM
    const ip = rec.items.find((i: any) => i.sku === 'BB-IP');
    expect(ip.name).toBe('Static IP');
    expect(ip.reason).toContain('3 of 3 other accounts holding BB-1000 also hold BB-IP');
    expect(ip.reason).toContain('3 of 3 similar accounts (industry I65, segment business) hold BB-IP');
    expect(ip.evidence.map((e: any) => [e.source, e.counts])).toEqual([
      ['co-occurrence', { together: 3, holders: 3 }],
      ['similar-accounts', { peersHolding: 3, peers: 3 }],
    ]);
    expect(ip.score).toBe(0.75);
  });

  it('refusals: 4030 without asset.read, 4220 naming the field, 4040 for an account service does not know', async () => {
    const denied = await call('service.asset.list.v1', {}, salesToken);
    expect(denied.err?.code).toBe(4030);
    expect((await call('service.recommendation.list.v1', { accountId: account }, salesToken)).err?.code).toBe(4030);
    const bad = await call('service.entitlement.check.v1', { accountId: 'nope', at: 'yesterday' });
    expect(bad.err?.code).toBe(4220);
    expect(bad.err?.details?.map((d) => d.field).sort()).toEqual(['accountId', 'at']);
    expect((await call('service.recommendation.list.v1', { accountId: randomUUID() })).err?.code).toBe(4040);
    expect((await call('service.asset.get.v1', { assetId: randomUUID() })).err?.code).toBe(4040);
  });
});
