import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Channel, ConsumeMessage } from 'amqplib';
import { advertisingProductPayload } from '../../apps/sales/src/testing.js';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

jest.setTimeout(120_000);

/**
 * Contracts and channel partners (issue 9 items 5 and 7) over the wire with raw amqplib, as a front
 * end (caller FRONTEND + employee token) and a partner's own system (its caller, no token) would
 * call: a contract by hand is activated and its lines reach `<ns>.events`; the renewal notice goes
 * out once per contract with two sales replicas running the schedule every second; a partner's
 * deal registration colliding with an open opportunity is flagged and approved by an employee.
 */
type Employee = { employeeId: string; token: string };
type Event = { pattern: string; data: any };

const NOTICE_DAYS = 30;
let stack: Stack;
let client: RawClient;
let events: Channel;
const seen: Event[] = [];
let frontendPassword: string;
let partnerPassword: string;
let rep: Employee, admin: Employee;
let productId: string;

const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function call(pattern: string, payload: unknown, actor?: string, as: 'FRONTEND' | 'PARTNER-BRIGHT' = 'FRONTEND') {
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: as,
    password: as === 'FRONTEND' ? frontendPassword : partnerPassword,
    requestId: `rq-${randomUUID()}`,
    payload,
    ...(actor ? { actor } : {}),
  });
  return reply.response
    ? { code: reply.response.code, data: reply.response.data }
    : { code: reply.err!.code, message: reply.err!.message, details: reply.err!.details };
}

/**
 * An account owned by `ownerId` (the administrator creates it and names the owner) and, when asked,
 * an open opportunity on it, through the account and opportunity features' own patterns.
 */
async function seedAccount(a: { name: string; registrationNo?: string; regionCode?: string; ownerId: string; openOpportunity?: boolean }) {
  const account = await call(
    'sales.account.create.v1',
    { name: a.name, registrationNo: a.registrationNo, regionCode: a.regionCode, ownerId: a.ownerId },
    admin.token,
  );
  expect(account).toMatchObject({ code: 0, data: { ownerId: a.ownerId } });
  const accountId = account.data.accountId as string;
  const opportunityId = a.openOpportunity ? await openOpportunity(accountId, a.ownerId, 'Screens for the new HQ') : null;
  return { accountId, opportunityId };
}

async function openOpportunity(accountId: string, ownerId: string, name: string): Promise<string> {
  const created = await call(
    'sales.opportunity.create.v1',
    { accountId, name, amount: '250000.00', closeDate: day(90), channel: 'field', ownerId },
    admin.token,
  );
  expect(created).toMatchObject({ code: 0, data: { status: 'open', ownerId } });
  return created.data.opportunityId as string;
}

/**
 * A new open opportunity of the rep on `accountId` with a quote of two ad lines that the rep writes
 * (6.37 % off: approved at once) and accepts.
 *   line 1: daytime Shenzhen banner, 50 000 impressions: 30.00 × 50 = 1500.000000; × 10 = 15000.00, −10 % → 13500.00
 *   line 2: late night (−20 % = −6.00), Beijing, native (+4.50) = 28.50 × 100 = 2850.000000; × 3 = 8550.00
 *   net 22050.00 (tax 6 %: 810.00 + 513.00); discount 1500.00 / 23550.00 = 6.37 % ≤ 15 %.
 */
async function seedAcceptedQuote(accountId: string) {
  const opportunityId = await openOpportunity(accountId, rep.employeeId, 'Bus shelters');
  const created = await call(
    'sales.quote.create.v1',
    {
      opportunityId,
      lines: [
        {
          productId,
          quantity: 10,
          configuration: { slot: 'day', region: '440300', format: 'banner', impressions: 50_000 },
          discountPercent: '10',
        },
        { productId, quantity: 3, configuration: { slot: 'night', region: '110100', format: 'native', impressions: 100_000 } },
      ],
    },
    rep.token,
  );
  expect(created).toMatchObject({ code: 0, data: { status: 'approved', netTotal: '22050.00', taxTotal: '1323.00' } });
  const accepted = await call('sales.quote.accept.v1', { quoteId: created.data.quoteId, version: 1 }, rep.token);
  expect(accepted).toMatchObject({ code: 0, data: { status: 'accepted' } });
  return { quoteId: created.data.quoteId as string, quoteNo: created.data.quoteNo as string, opportunityId };
}

const of = (pattern: string, id: (d: any) => boolean) => seen.filter((e) => e.pattern === pattern && id(e.data));

beforeAll(async () => {
  stack = await Stack.start({
    apps: ['auth', 'sales'],
    env: { SALES_RENEWAL_NOTICE_DAYS: String(NOTICE_DAYS), SALES_SCHEDULE_SECONDS: '1' },
  });
  client = await RawClient.connect();
  events = await client.conn.createChannel();
  const q = await events.assertQueue('', { exclusive: true, autoDelete: true });
  for (const key of ['sales.contract.#', 'sales.deal-registration.#']) await events.bindQueue(q.queue, `${stack.ns}.events`, key);
  await events.consume(q.queue, (m: ConsumeMessage | null) => m && seen.push(JSON.parse(m.content.toString()) as Event), { noAck: true });
  // The second sales replica starts while the callers and employees are made.
  [frontendPassword, partnerPassword, rep, admin] = await Promise.all([
    stack.createCaller('FRONTEND', [
      'sales.account.*',
      'sales.opportunity.*',
      'sales.product.*',
      'sales.quote.*',
      'sales.contract.*',
      'sales.partner.*',
      'sales.deal-registration.*',
    ]),
    // The partner's own system: submit and read its registrations, nothing else.
    stack.createCaller('PARTNER-BRIGHT', [
      'sales.deal-registration.submit.v1',
      'sales.deal-registration.get.v1',
      'sales.deal-registration.list.v1',
    ]),
    stack.employee(['sales']),
    stack.employee(['administrator']),
    stack.startApp('sales', 1),
  ]);
  const product = await call('sales.product.create.v1', advertisingProductPayload(`AD-CT-${randomUUID().slice(0, 8)}`), admin.token);
  expect(product.code).toBe(0);
  productId = product.data.productId;
}, 180_000);

afterAll(async () => {
  await events?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('contracts', () => {
  it('a contract by hand: value checked to the cent, activated, the activated event carries its lines', async () => {
    const { accountId } = await seedAccount({ name: 'Metro Media Ltd', ownerId: rep.employeeId });
    const lines = [
      { sku: 'AD-SLOT-A', name: 'Prime slot', quantity: '4', unitPrice: '300.00', amount: '1200.00' },
      { sku: 'AD-IMPR', name: 'Impressions', quantity: '100000', unitPrice: '0.003333', amount: '333.30' },
    ];
    const payload = { accountId, name: 'Metro screens 2027', termMonths: 12, lines, value: '1533.31' };
    const off = await call('sales.contract.create.v1', payload, rep.token);
    expect(off).toMatchObject({ code: 4220, details: [{ field: 'value' }] });
    const created = await call('sales.contract.create.v1', { ...payload, value: '1533.30' }, rep.token);
    expect(created).toMatchObject({ code: 0, data: { status: 'draft', value: '1533.30', ownerId: rep.employeeId, startDate: null } });
    const contractId = created.data.contractId as string;
    // An administrator's stale version is 4090; the rep activates at version 1.
    expect((await call('sales.contract.activate.v1', { contractId, version: 5 }, admin.token)).code).toBe(4090);
    const active = await call('sales.contract.activate.v1', { contractId, version: 1 }, rep.token);
    expect(active).toMatchObject({ code: 0, data: { status: 'active', startDate: today, version: 2 } });
    const event = await waitFor(async () => of('sales.contract.activated.v1', (d) => d.contractId === contractId)[0]);
    expect(event.data).toMatchObject({
      contractId,
      accountId,
      startDate: today,
      endDate: active.data.endDate,
      value: '1533.30',
      employeeId: rep.employeeId,
      lines: [
        { lineNo: 1, sku: 'AD-SLOT-A', quantity: '4', unitPrice: '300.00', amount: '1200.00' },
        { lineNo: 2, sku: 'AD-IMPR', quantity: '100000', unitPrice: '0.003333', amount: '333.30' },
      ],
    });
    expect(event.data.eventId).toEqual(expect.any(String));
    // Another rep's scope does not reach it; the list filters by account.
    const other = await stack.employee(['sales']);
    expect((await call('sales.contract.get.v1', { contractId }, other.token)).code).toBe(4040);
    const listed = await call('sales.contract.list.v1', { accountId, status: 'active' }, rep.token);
    expect(listed.data.items.map((c: any) => c.contractId)).toEqual([contractId]);
  });

  it("from an accepted quote: its net lines and the opportunity's account and owner; a second contract for it is 4090 naming the first", async () => {
    const { accountId } = await seedAccount({ name: 'City Transit Ads', ownerId: rep.employeeId });
    const { quoteId, quoteNo, opportunityId } = await seedAcceptedQuote(accountId);
    const created = await call('sales.contract.create.v1', { quoteId, termMonths: 12, startDate: '2027-01-31' }, admin.token);
    expect(created).toMatchObject({
      code: 0,
      data: {
        quoteId,
        opportunityId,
        accountId,
        ownerId: rep.employeeId,
        name: `${quoteNo} r1`,
        value: '22050.00',
        startDate: '2027-01-31',
        endDate: '2028-01-30',
        lines: [
          { lineNo: 1, productId, quantity: '10', unitPrice: '1500.00', amount: '13500.00' },
          { lineNo: 2, productId, quantity: '3', unitPrice: '2850.00', amount: '8550.00' },
        ],
      },
    });
    const again = await call('sales.contract.create.v1', { quoteId, termMonths: 12 }, admin.token);
    expect(again).toMatchObject({ code: 4090, message: `quote ${quoteId} already has contract ${created.data.contractId}` });
    expect((await call('sales.contract.create.v1', { quoteId, termMonths: 12, value: '1.00' }, admin.token)).details).toEqual([
      expect.objectContaining({ field: 'value' }),
    ]);
  });

  it('renewal-due goes out once per contract ending within the notice window, with two sales replicas scheduling', async () => {
    const { accountId } = await seedAccount({ name: 'Harbour Logistics', ownerId: rep.employeeId });
    const line = { sku: 'BB-1000', name: '1000M line', quantity: 1, unitPrice: '999.00', amount: '999.00' };
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await call(
        'sales.contract.create.v1',
        { accountId, name: `Line ${i}`, startDate: day(-300), endDate: day(10 + i), lines: [line], value: '999.00' },
        rep.token,
      );
      expect(c.code).toBe(0);
      expect((await call('sales.contract.activate.v1', { contractId: c.data.contractId, version: 1 }, rep.token)).code).toBe(0);
      ids.push(c.data.contractId);
    }
    // Outside the window (ends in 31 days with 30 days' notice): no notice yet.
    const later = await call(
      'sales.contract.create.v1',
      { accountId, name: 'Later', startDate: day(-300), endDate: day(NOTICE_DAYS + 1), lines: [line], value: '999.00' },
      rep.token,
    );
    await call('sales.contract.activate.v1', { contractId: later.data.contractId, version: 1 }, rep.token);

    await waitFor(async () => ids.every((id) => of('sales.contract.renewal-due.v1', (d) => d.contractId === id).length > 0), 20_000);
    // Several more schedule runs on both replicas (1 s each): still exactly one notice per contract.
    await new Promise((r) => setTimeout(r, 3500));
    for (const [i, id] of ids.entries()) {
      const notices = of('sales.contract.renewal-due.v1', (d) => d.contractId === id);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.data).toMatchObject({
        endDate: day(10 + i),
        noticeDate: day(10 + i - NOTICE_DAYS),
        noticeDays: NOTICE_DAYS,
        ownerId: rep.employeeId,
      });
    }
    expect(of('sales.contract.renewal-due.v1', (d) => d.contractId === later.data.contractId)).toHaveLength(0);
    const got = await call('sales.contract.get.v1', { contractId: ids[0] }, rep.token);
    expect(got.data.renewalNoticeAt).toEqual(expect.any(String));

    // Renewing makes a successor draft (its own term, its own notice later) and links both.
    const next = await call('sales.contract.renew.v1', { contractId: ids[0], version: 2 }, rep.token);
    expect(next).toMatchObject({ code: 0, data: { status: 'draft', predecessorId: ids[0], startDate: day(11), value: '999.00' } });
    expect((await call('sales.contract.get.v1', { contractId: ids[0] }, rep.token)).data).toMatchObject({
      status: 'renewed',
      successorId: next.data.contractId,
    });
    const ended = await call(
      'sales.contract.terminate.v1',
      { contractId: ids[1], version: 2, reason: 'customer moved', effectiveDate: today },
      rep.token,
    );
    expect(ended).toMatchObject({ code: 0, data: { status: 'terminated', terminationEffectiveDate: today } });
    await waitFor(async () => of('sales.contract.terminated.v1', (d) => d.contractId === ids[1])[0]);
  });
});

describe('channel partners and deal registration', () => {
  it("a partner's own caller submits a registration that collides with an open opportunity: flagged, then approved by an employee", async () => {
    const partner = await call(
      'sales.partner.create.v1',
      { name: 'Bright Channel Co.', kind: 'dealer', regionCodes: ['440300'], tier: 'gold', callerName: 'PARTNER-BRIGHT' },
      admin.token,
    );
    expect(partner).toMatchObject({ code: 0, data: { status: 'active', callerName: 'PARTNER-BRIGHT', ownerId: admin.employeeId } });
    expect((await call('sales.partner.create.v1', { name: 'Bad', kind: 'agent', callerName: '1 bad name' }, admin.token)).details).toEqual([
      expect.objectContaining({ field: 'callerName' }),
    ]);
    const { accountId, opportunityId } = await seedAccount({
      name: '深圳市光明科技（集团）有限公司',
      regionCode: '440300',
      ownerId: rep.employeeId,
      openOpportunity: true,
    });
    const registration = {
      partnerRef: 'BR-0001',
      accountName: '深圳市 光明科技(集团)有限公司',
      regionCode: '440300',
      opportunityName: 'Metro screens Q1',
      amount: '480000.00',
      expectedCloseDate: day(120),
      products: [{ sku: 'AD-METRO', quantity: 40 }],
    };
    // No employee token: the partner is known by its caller.
    const submitted = await call('sales.deal-registration.submit.v1', registration, undefined, 'PARTNER-BRIGHT');
    expect(submitted).toMatchObject({
      code: 0,
      data: {
        partnerId: partner.data.partnerId,
        status: 'submitted',
        accountId,
        flagged: true,
        collidingOpportunityIds: [opportunityId],
        submittedBy: 'PARTNER-BRIGHT',
      },
    });
    const registrationId = submitted.data.registrationId as string;
    // A safe retry answers the same registration.
    expect((await call('sales.deal-registration.submit.v1', registration, undefined, 'PARTNER-BRIGHT')).data.registrationId).toBe(
      registrationId,
    );
    // The front end's caller is no partner; the partner's caller may not approve (not in its globs).
    expect((await call('sales.deal-registration.submit.v1', registration)).code).toBe(4030);
    expect((await call('sales.deal-registration.approve.v1', { registrationId, version: 1 }, undefined, 'PARTNER-BRIGHT')).code).toBe(4030);
    // A sales rep lacks partner.write.
    expect((await call('sales.deal-registration.approve.v1', { registrationId, version: 1 }, rep.token)).code).toBe(4030);
    expect((await call('sales.deal-registration.reject.v1', { registrationId, version: 1 }, admin.token)).details).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);
    const approved = await call(
      'sales.deal-registration.approve.v1',
      { registrationId, version: 1, note: 'partner was first' },
      admin.token,
    );
    expect(approved).toMatchObject({ code: 0, data: { status: 'approved', decidedBy: admin.employeeId, version: 2 } });
    const event = await waitFor(async () => of('sales.deal-registration.approved.v1', (d) => d.registrationId === registrationId)[0]);
    expect(event.data).toMatchObject({
      partnerId: partner.data.partnerId,
      partnerName: 'Bright Channel Co.',
      accountId,
      accountName: '深圳市 光明科技(集团)有限公司',
      opportunityName: 'Metro screens Q1',
      amount: '480000.00',
      currency: 'CNY',
      collidingOpportunityIds: [opportunityId],
    });
    // The partner reads its own registrations, decision included.
    const mine = await call('sales.deal-registration.list.v1', {}, undefined, 'PARTNER-BRIGHT');
    expect(mine.data.items).toEqual([expect.objectContaining({ registrationId, status: 'approved', decisionReason: 'partner was first' })]);
    expect(of('sales.deal-registration.submitted.v1', (d) => d.registrationId === registrationId)).toHaveLength(1);
  });
});
