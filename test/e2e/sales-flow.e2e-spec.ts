import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Channel, ConsumeMessage } from 'amqplib';
import { advertisingProductPayload } from '../../apps/sales/src/testing.js';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

// About 30 s on a quiet machine; the limits leave room for a busy one.
jest.setTimeout(120_000);

/**
 * The whole sales path of issue 9 over raw amqplib, as a front end calls it (its own system caller
 * plus the employee's token): an administrator defines the advertising product; a sales rep creates
 * an account, a lead-less opportunity and a configured quote whose discount needs approval; the rep
 * cannot approve it, nor can a manager approve a quote they wrote; the rep's manager approves; the
 * rep accepts; a contract made from the accepted quote is activated and `sales.contract.activated.v1`
 * carries its lines. Around it: a broken configuration (4220 naming the rule), a stale version
 * (4090), data scopes through a sales team (4040 for another rep, visible to the manager), a service
 * agent (4030), a duplicate account (4090 naming the existing one).
 */
type Employee = { employeeId: string; token: string };
type Reply = { code: number; data?: any; message?: string; details?: Array<{ field: string; reasons: string[] }> };
type Event = { pattern: string; data: any };

let stack: Stack;
let client: RawClient;
let events: Channel;
const seen: Event[] = [];
let frontendPassword: string;
let admin: Employee, rep: Employee, otherRep: Employee, manager: Employee, agent: Employee;

const suffix = randomUUID().slice(0, 8);
let productId: string;
let account: any;
let opportunity: any;
let quote: any;

async function call(pattern: string, payload: unknown, who: Employee): Promise<Reply> {
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: 'FRONTEND',
    password: frontendPassword,
    requestId: `rq-${randomUUID()}`,
    payload,
    actor: who.token,
  });
  if (reply.response) return { code: reply.response.code, data: reply.response.data };
  return { code: reply.err!.code, message: reply.err!.message, details: reply.err!.details };
}

const listed = async (who: Employee) => {
  const page = await call('sales.opportunity.list.v1', { limit: 200 }, who);
  expect(page.code).toBe(0);
  return (page.data.items as Array<{ opportunityId: string }>).map((o) => o.opportunityId);
};

// Line 1: prime (+50 % of 30.00 = 15.00), national (+20 % = 6.00), video (+12.00), 30 s → 63.00 per 1000
// impressions × 2 000 000 / 1000 = 126 000.00, tier [1 000 000, 5 000 000) −10 % → 113 400.000000; × 1.
const primeVideo = { slot: 'prime', region: 'national', format: 'video', duration: 30, impressions: 2_000_000 };
// Line 2: day (+0), Guangdong (+5 % = 1.50), native (+4.50) → 36.00 per 1000 × 333 000 / 1000 =
// 11 988.000000 (tier [10 000, 1 000 000) 0 %); × 3 = 35 964.00.
const dayNative = { slot: 'day', region: '440000', format: 'native', impressions: 333_000 };

beforeAll(async () => {
  // Sessions (scopes included) are cached ACTOR_CACHE_TTL_SECONDS: 1 s lets the team reach the manager quickly.
  stack = await Stack.start({ apps: ['auth', 'sales'], env: { ACTOR_CACHE_TTL_SECONDS: '1' } });
  client = await RawClient.connect();
  events = await client.conn.createChannel();
  const q = await events.assertQueue('', { exclusive: true, autoDelete: true });
  for (const key of ['sales.contract.#', 'sales.quote.#']) await events.bindQueue(q.queue, `${stack.ns}.events`, key);
  await events.consume(q.queue, (m: ConsumeMessage | null) => m && seen.push(JSON.parse(m.content.toString()) as Event), { noAck: true });
  [frontendPassword, admin, rep, otherRep, manager, agent] = await Promise.all([
    stack.createCaller('FRONTEND', [
      'sales.account.*',
      'sales.opportunity.*',
      'sales.product.*',
      'sales.quote.*',
      'sales.contract.*',
      'sales.team.*',
    ]),
    stack.employee(['administrator']),
    stack.employee(['sales']),
    stack.employee(['sales']),
    // A sales manager who also sells: `manager` gives quote.approve and the team scope, `sales` quote.write.
    stack.employee(['manager', 'sales']),
    stack.employee(['service-agent']),
  ]);
  // The manager's sales team: the manager and the rep (not the other rep). Auth learns it from
  // sales.team.members-changed.v1; the manager's scope widens once it has (checked below with waitFor).
  const team = await call(
    'sales.team.create.v1',
    { name: `Shenzhen field ${suffix}`, managerId: manager.employeeId, members: [rep.employeeId] },
    admin,
  );
  expect(team).toMatchObject({ code: 0, data: { members: [rep.employeeId], version: 1 } });
}, 180_000);

afterAll(async () => {
  await events?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('the sales path: account → opportunity → configured quote → approval → contract → activated event', () => {
  it('an administrator defines the advertising product; a rep may not', async () => {
    const created = await call('sales.product.create.v1', advertisingProductPayload(`AD-FLOW-${suffix}`), admin);
    expect(created).toMatchObject({ code: 0, data: { kind: 'configurable', taxRate: '0.06', version: 1 } });
    productId = created.data.productId;
    expect((await call('sales.product.create.v1', advertisingProductPayload(`AD-REP-${suffix}`), rep)).code).toBe(4030);
  });

  it('a rep creates an account; the same company again is 4090 naming the existing account', async () => {
    const created = await call(
      'sales.account.create.v1',
      { name: `深圳市星河传媒${suffix}有限公司`, industryCode: 'L7251', regionCode: '440300', segment: 'business' },
      rep,
    );
    expect(created).toMatchObject({ code: 0, data: { ownerId: rep.employeeId, regionCode: '440300', version: 1 } });
    account = created.data;
    // Another rep (who cannot see it) tries the same company under another legal form.
    const duplicate = await call(
      'sales.account.create.v1',
      { name: `深圳市星河传媒${suffix} 股份有限公司`, regionCode: '440300' },
      otherRep,
    );
    expect(duplicate.code).toBe(4090);
    expect(duplicate.message).toContain(account.accountId);
    expect(duplicate.message).toContain(account.accountNo);
    expect(duplicate.details).toEqual(
      expect.arrayContaining([
        { field: 'existingAccountId', reasons: [account.accountId] },
        { field: 'existingAccountNo', reasons: [account.accountNo] },
      ]),
    );
  });

  it('a rep opens a lead-less opportunity; a service agent may not (4030); a stale version is 4090', async () => {
    const deal = {
      accountId: account.accountId,
      name: 'Spring campaign 2027',
      amount: '150000.00',
      closeDate: '2027-03-31',
      channel: 'field',
    };
    expect((await call('sales.opportunity.create.v1', deal, agent)).code).toBe(4030);
    const created = await call('sales.opportunity.create.v1', deal, rep);
    expect(created).toMatchObject({
      code: 0,
      data: { leadId: null, status: 'open', stage: 'prospecting', ownerId: rep.employeeId, industryCode: 'L7251', version: 1 },
    });
    const moved = await call(
      'sales.opportunity.update.v1',
      { opportunityId: created.data.opportunityId, version: 1, stage: 'proposal' },
      rep,
    );
    expect(moved).toMatchObject({ code: 0, data: { stage: 'proposal', probability: 50, version: 2 } });
    const stale = await call(
      'sales.opportunity.update.v1',
      { opportunityId: created.data.opportunityId, version: 1, stage: 'negotiation' },
      rep,
    );
    expect(stale.code).toBe(4090);
    expect(stale.message).toContain('stale version');
    opportunity = moved.data;
  });

  it('a broken configuration is 4220 naming the rule it breaks (requires, excludes)', async () => {
    const quoteOf = (configuration: object) => ({
      opportunityId: opportunity.opportunityId,
      lines: [{ productId, quantity: 1, configuration }],
    });
    // A video without a duration breaks VIDEO_NEEDS_DURATION (requires) and so its 15–60 s constraint.
    const requires = await call('sales.quote.create.v1', quoteOf({ ...primeVideo, duration: undefined }), rep);
    expect(requires).toMatchObject({
      code: 4220,
      details: [
        {
          field: 'lines[0].configuration.duration',
          reasons: ['VIDEO_NEEDS_DURATION: a video ad needs a duration', 'VIDEO_DURATION_15_60: a video ad runs 15 to 60 seconds'],
        },
      ],
    });
    // A banner with a duration breaks BANNER_HAS_NO_DURATION (excludes).
    const excludes = await call('sales.quote.create.v1', quoteOf({ ...dayNative, format: 'banner', duration: 15 }), rep);
    expect(excludes).toMatchObject({
      code: 4220,
      details: [{ field: 'lines[0].configuration.duration', reasons: ['BANNER_HAS_NO_DURATION: a banner has no duration'] }],
    });
    // Nothing was stored.
    expect((await call('sales.quote.list.v1', { opportunityId: opportunity.opportunityId }, rep)).data.items).toEqual([]);
  });

  it('a configured quote with a 16.5 % header discount waits for approval, with exact figures', async () => {
    const lines = [
      { productId, quantity: 1, configuration: primeVideo },
      { productId, quantity: 3, configuration: dayNative, discountPercent: '5' },
    ];
    // The live price a front end shows while the rep edits: the same figures, nothing stored.
    const preview = await call(
      'sales.quote.price.v1',
      { opportunityId: opportunity.opportunityId, lines, headerDiscountPercent: '16.5' },
      rep,
    );
    expect(preview).toMatchObject({
      code: 0,
      data: { quoteId: '', quoteNo: 'PREVIEW', revision: 0, status: 'pending_approval', netTotal: '123217.44', total: '130610.49' },
    });
    expect((await call('sales.quote.list.v1', { opportunityId: opportunity.opportunityId }, rep)).data.items).toEqual([]);
    const created = await call(
      'sales.quote.create.v1',
      { opportunityId: opportunity.opportunityId, lines, headerDiscountPercent: '16.5', terms: 'Payment within 30 days of invoice' },
      rep,
    );
    // By hand (docs/sales/opportunities-and-quotes.md, "The arithmetic"):
    //   list:        line 1 113400.000000 × 1 = 113400.00;  line 2 11988.000000 × 3 = 35964.00
    //   line disc.:  line 2 5 % of 35964.00 = 1798.20 → after-line 113400.00 and 34165.80, Σ 147565.80
    //   header:      16.5 % of 147565.80 = 24348.357 → 24348.36
    //   shares:      line 1 24348.36 × 113400.00 / 147565.80 = 18711.0023 → 18711.00; line 2 the rest 5637.36
    //   net:         113400.00 − 18711.00 = 94689.00;  34165.80 − 5637.36 = 28528.44
    //   tax 6 %:     94689.00 × 0.06 = 5681.34;  28528.44 × 0.06 = 1711.7064 → 1711.71
    //   subtotal 149364.00, discountTotal 1798.20 + 24348.36 = 26146.56, netTotal 123217.44,
    //   taxTotal 7393.05, total 130610.49; 26146.56 / 149364.00 = 17.505 % > 15 % → pending_approval.
    expect(created).toMatchObject({
      code: 0,
      data: {
        status: 'pending_approval',
        authorId: rep.employeeId,
        currency: 'CNY',
        subtotal: '149364.00',
        discountTotal: '26146.56',
        discountPercentOfList: '17.51',
        headerDiscountPercent: '16.5',
        headerDiscountAmount: '24348.36',
        netTotal: '123217.44',
        taxTotal: '7393.05',
        total: '130610.49',
        version: 1,
      },
    });
    quote = created.data;
    expect(
      created.data.lines.map((l: any) => [
        l.unitPrice,
        l.quantity,
        l.listAmount,
        l.lineDiscount,
        l.headerDiscount,
        l.netAmount,
        l.taxAmount,
      ]),
    ).toEqual([
      ['113400.00', 1, '113400.00', '0.00', '18711.00', '94689.00', '5681.34'],
      ['11988.00', 3, '35964.00', '1798.20', '5637.36', '28528.44', '1711.71'],
    ]);
    expect(created.data.lines.map((l: any) => l.configuration)).toEqual([primeVideo, dayNative]);
  });

  it("the rep cannot see another rep's opportunity (4040, not listed) while their manager can, through the sales team", async () => {
    expect((await call('sales.opportunity.get.v1', { opportunityId: opportunity.opportunityId }, otherRep)).code).toBe(4040);
    expect((await call('sales.quote.get.v1', { quoteId: quote.quoteId }, otherRep)).code).toBe(4040);
    expect(await listed(otherRep)).not.toContain(opportunity.opportunityId);
    // The team reached auth through the inbox; the manager's cached session expires within 1 s.
    await waitFor(
      async () => (await call('sales.opportunity.get.v1', { opportunityId: opportunity.opportunityId }, manager)).code === 0,
      15_000,
      200,
    );
    expect(await listed(manager)).toContain(opportunity.opportunityId);
  });

  it('the rep cannot approve (4030); a manager cannot approve a quote they wrote (4030); the manager approves the rep’s', async () => {
    const byRep = await call('sales.quote.approve.v1', { quoteId: quote.quoteId, version: 1 }, rep);
    expect(byRep.code).toBe(4030);
    // The manager writes a second quote on the same opportunity (same discount): theirs to write, not to approve.
    const own = await call(
      'sales.quote.create.v1',
      {
        opportunityId: opportunity.opportunityId,
        lines: [{ productId, quantity: 1, configuration: primeVideo }],
        headerDiscountPercent: '20',
      },
      manager,
    );
    expect(own).toMatchObject({ code: 0, data: { status: 'pending_approval', authorId: manager.employeeId } });
    const self = await call('sales.quote.approve.v1', { quoteId: own.data.quoteId, version: 1 }, manager);
    expect(self.code).toBe(4030);
    expect(self.message).toMatch(/you wrote quote .* another employee holding quote.approve/);

    const approved = await call('sales.quote.approve.v1', { quoteId: quote.quoteId, version: 1, reason: 'strategic account' }, manager);
    expect(approved).toMatchObject({
      code: 0,
      data: { status: 'approved', decidedBy: manager.employeeId, total: '130610.49', version: 2 },
    });
    quote = { ...approved.data, managersQuoteId: own.data.quoteId };
  });

  it('the rep accepts; a contract from the accepted quote is activated and its event carries the lines', async () => {
    const accepted = await call('sales.quote.accept.v1', { quoteId: quote.quoteId, version: 2 }, rep);
    expect(accepted).toMatchObject({ code: 0, data: { status: 'accepted', version: 3 } });
    const acceptedEvent = await waitFor(async () =>
      seen.find((e) => e.pattern === 'sales.quote.accepted.v1' && e.data.quoteId === quote.quoteId),
    );
    expect(acceptedEvent.data.supersededQuoteIds).toEqual([quote.managersQuoteId]);

    const created = await call('sales.contract.create.v1', { quoteId: quote.quoteId, termMonths: 12, startDate: '2027-01-01' }, rep);
    expect(created).toMatchObject({
      code: 0,
      data: {
        status: 'draft',
        quoteId: quote.quoteId,
        opportunityId: opportunity.opportunityId,
        accountId: account.accountId,
        ownerId: rep.employeeId,
        currency: 'CNY',
        // Σ net amounts (after discounts, before tax): 94689.00 + 28528.44
        value: '123217.44',
        version: 1,
      },
    });
    const contractId = created.data.contractId as string;
    const active = await call('sales.contract.activate.v1', { contractId, version: 1 }, rep);
    expect(active).toMatchObject({ code: 0, data: { status: 'active', startDate: '2027-01-01', endDate: '2027-12-31', version: 2 } });

    const event = await waitFor(async () =>
      seen.find((e) => e.pattern === 'sales.contract.activated.v1' && e.data.contractId === contractId),
    );
    expect(event.data).toMatchObject({
      contractId,
      quoteId: quote.quoteId,
      accountId: account.accountId,
      status: 'active',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      value: '123217.44',
      currency: 'CNY',
      employeeId: rep.employeeId,
    });
    expect(event.data.lines).toEqual([
      expect.objectContaining({ lineNo: 1, productId, sku: `AD-FLOW-${suffix}`, amount: '94689.00' }),
      expect.objectContaining({ lineNo: 2, productId, sku: `AD-FLOW-${suffix}`, amount: '28528.44' }),
    ]);
    expect(Number(event.data.lines[1].quantity)).toBe(3);
    expect(event.data.eventId).toEqual(expect.any(String));
  });
});
