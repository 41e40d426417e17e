import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { advertisingProductPayload } from '../../apps/sales/src/testing.js';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

jest.setTimeout(180_000);

/**
 * Opportunities and pipelines over the wire, as a front end calls them with raw amqplib (its own
 * system caller plus the employee's token): create, update, close with the won event marketing
 * reads; stale versions; data scopes (a rep does not see another rep's opportunity, the manager
 * does); permissions (a service agent cannot create one, only administrators edit pipelines).
 * Quotes are priced by the real catalogue (an administrator defines the ad product) and driven
 * through approve / accept / document; the arithmetic in depth is in quote-arithmetic.spec.ts and
 * sales-flow.e2e-spec.ts.
 */
type Employee = { employeeId: string; token: string };
let stack: Stack;
let client: RawClient;
let amqp: ChannelModel;
let ch: Channel;
let frontendPassword: string;
let repA: Employee, repB: Employee, manager: Employee, admin: Employee, agent: Employee;
let accountA: string;
const events: Array<{ key: string; data: any }> = [];

const DEFAULT_PIPELINE = '7d6c1f5e-3a2b-4c1d-9e8f-000000000001';
const ONLINE_PIPELINE = '7d6c1f5e-3a2b-4c1d-9e8f-000000000002';
const CAMPAIGN = randomUUID();
const RIVAL = randomUUID();
const banner = { slot: 'day', region: '440300', format: 'banner', impressions: 50_000 };
let productId: string;

async function call(pattern: string, payload: unknown, who: Employee): Promise<{ code: number; data?: any; message?: string }> {
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: 'FRONTEND',
    password: frontendPassword,
    requestId: `rq-${randomUUID()}`,
    payload,
    actor: who.token,
  });
  return reply.response
    ? { code: reply.response.code, data: reply.response.data }
    : { code: reply.err!.code, message: reply.err!.message, data: reply.err!.details };
}

/** An account owned by `ownerId`, created by the administrator (who may name its owner). */
async function createAccount(ownerId: string, name: string): Promise<string> {
  const r = await call('sales.account.create.v1', { name, industryCode: 'I65', regionCode: '440300', segment: 'business', ownerId }, admin);
  expect(r).toMatchObject({ code: 0, data: { ownerId } });
  return r.data.accountId as string;
}

/**
 * One line of the ad product, 2 campaigns of a daytime Shenzhen banner with 50 000 impressions
 * (30.00 per 1000 × 50 = 1500.000000 each, no adder, tier [10 000, 1 000 000) 0 %), 20 % off the
 * line: above the 15 % threshold, so `pending_approval`.
 */
const bannerQuote = (opportunityId: string) => ({
  opportunityId,
  lines: [{ productId, quantity: 2, configuration: banner, discountPercent: '20' }],
  terms: '付款：收到发票后30天内 <net 30>',
});

async function http(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${stack.url('auth')}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const listed = async (who: Employee, filter: object = {}) => {
  const page = await call('sales.opportunity.list.v1', { limit: 200, ...filter }, who);
  expect(page.code).toBe(0);
  return (page.data.items as Array<{ opportunityId: string }>).map((o) => o.opportunityId);
};

const deal = () => ({
  accountId: accountA,
  name: '5G 专网 — 深圳工厂',
  amount: '120000.00',
  closeDate: '2027-03-31',
  channel: 'field',
  campaignId: CAMPAIGN,
  competitorIds: [RIVAL],
});

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'sales'] });
  client = await RawClient.connect();
  amqp = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  ch = await amqp.createChannel();
  const q = await ch.assertQueue('', { exclusive: true });
  for (const key of ['sales.opportunity.#', 'sales.quote.#', 'sales.pipeline.#']) await ch.bindQueue(q.queue, `${stack.ns}.events`, key);
  await ch.consume(q.queue, (m) => m && events.push({ key: m.fields.routingKey, data: JSON.parse(m.content.toString()).data }), {
    noAck: true,
  });
  frontendPassword = await stack.createCaller('FRONTEND', [
    'sales.account.*',
    'sales.opportunity.*',
    'sales.pipeline.*',
    'sales.product.*',
    'sales.quote.*',
  ]);
  [repA, repB, manager, admin, agent] = await Promise.all([
    stack.employee(['sales']),
    stack.employee(['sales']),
    // A sales manager who also sells: quote.approve and the team scope, plus quote.write.
    stack.employee(['manager', 'sales']),
    stack.employee(['administrator']),
    stack.employee(['service-agent']),
  ]);
  // The manager's sales team: themselves and repA (not repB).
  const team = await http('PUT', '/auth/teams/sales/north', admin.token, { members: [manager.employeeId, repA.employeeId] });
  expect(team.status).toBe(200);
  const product = await call(
    'sales.product.create.v1',
    { ...advertisingProductPayload(`AD-OPP-${randomUUID().slice(0, 8)}`), name: '首页横幅广告 & <Home banner>' },
    admin,
  );
  expect(product.code).toBe(0);
  productId = product.data.productId;
  accountA = await createAccount(repA.employeeId, '深圳某某科技有限公司');
}, 180_000);

afterAll(async () => {
  await ch?.close().catch(() => undefined);
  await amqp?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('pipelines', () => {
  it('two are seeded; only administrators (pipeline.manage) create and edit them', async () => {
    const page = await call('sales.pipeline.list.v1', {}, repA);
    expect(page.code).toBe(0);
    expect(page.data.items.map((p: any) => p.pipelineId).sort()).toEqual([DEFAULT_PIPELINE, ONLINE_PIPELINE].sort());
    const standard = page.data.items.find((p: any) => p.pipelineId === DEFAULT_PIPELINE);
    expect(standard.stages.map((s: any) => `${s.key}:${s.probability}:${s.kind}`)).toEqual([
      'prospecting:10:open',
      'qualification:20:open',
      'proposal:50:open',
      'negotiation:75:open',
      'closed-won:100:won',
      'closed-lost:0:lost',
    ]);
    const stages = [
      { key: 'call', label: '电话沟通', probability: 20, kind: 'open' },
      { key: 'signed', label: 'Signed', probability: 100, kind: 'won' },
      { key: 'dropped', label: 'Dropped', probability: 0, kind: 'lost' },
    ];
    expect((await call('sales.pipeline.create.v1', { name: 'Phone subscriptions', stages }, repA)).code).toBe(4030);
    expect((await call('sales.pipeline.create.v1', { name: 'Phone subscriptions', stages }, manager)).code).toBe(4030);
    const bad = await call('sales.pipeline.create.v1', { name: 'Broken', stages: stages.map((s) => ({ ...s, kind: 'open' })) }, admin);
    expect(bad).toMatchObject({ code: 4220, data: [{ field: 'stages' }] });
    const created = await call('sales.pipeline.create.v1', { name: 'Phone subscriptions', stages, channels: ['phone'] }, admin);
    expect(created).toMatchObject({ code: 0, data: { name: 'Phone subscriptions', version: 1, channels: ['phone'], isDefault: false } });
  });
});

describe('opportunities', () => {
  let opp: any;

  it('a rep creates one on their account: default pipeline, first stage, owned by them; the online channel gets the online pipeline', async () => {
    const created = await call('sales.opportunity.create.v1', deal(), repA);
    expect(created).toMatchObject({
      code: 0,
      data: {
        pipelineId: DEFAULT_PIPELINE,
        stage: 'prospecting',
        probability: 10,
        status: 'open',
        ownerId: repA.employeeId,
        industryCode: 'I65',
        amount: '120000.00',
        currency: 'CNY',
        version: 1,
      },
    });
    opp = created.data;
    const online = await call('sales.opportunity.create.v1', { ...deal(), name: 'Banner campaign', channel: 'online' }, repA);
    expect(online.data).toMatchObject({ pipelineId: ONLINE_PIPELINE, stage: 'brief', probability: 10 });
    const created1 = await waitFor(async () =>
      events.find((e) => e.key === 'sales.opportunity.created.v1' && e.data.opportunityId === opp.opportunityId),
    );
    expect(created1.data).toMatchObject({ accountId: accountA, campaignId: CAMPAIGN, competitorIds: [RIVAL] });
  });

  it('bad input is 4220 per field: unknown account, a won stage, a float amount', async () => {
    const r = await call('sales.opportunity.create.v1', { ...deal(), accountId: randomUUID() }, repA);
    expect(r).toMatchObject({ code: 4220, data: [{ field: 'accountId' }] });
    // repB does not see repA's account.
    expect(await call('sales.opportunity.create.v1', deal(), repB)).toMatchObject({ code: 4220, data: [{ field: 'accountId' }] });
    expect(await call('sales.opportunity.create.v1', { ...deal(), stage: 'closed-won' }, repA)).toMatchObject({
      code: 4220,
      data: [{ field: 'stage' }],
    });
    expect(await call('sales.opportunity.create.v1', { ...deal(), amount: 1200.5 }, repA)).toMatchObject({
      code: 4220,
      data: [{ field: 'amount' }],
    });
  });

  it('a service agent gets 4030 creating one', async () => {
    expect((await call('sales.opportunity.create.v1', deal(), agent)).code).toBe(4030);
  });

  it('updates need the current version: a stage move is recorded, a stale version is 4090', async () => {
    const moved = await call('sales.opportunity.update.v1', { opportunityId: opp.opportunityId, version: 1, stage: 'proposal' }, repA);
    expect(moved).toMatchObject({ code: 0, data: { stage: 'proposal', probability: 50, version: 2 } });
    const stale = await call('sales.opportunity.update.v1', { opportunityId: opp.opportunityId, version: 1, stage: 'negotiation' }, repA);
    expect(stale.code).toBe(4090);
    expect(stale.message).toContain('stale version');
    const updated = await waitFor(async () =>
      events.find((e) => e.key === 'sales.opportunity.updated.v1' && e.data.opportunityId === opp.opportunityId),
    );
    expect(updated.data).toMatchObject({ stage: 'proposal', probability: 50, version: 2, changedFields: ['stage', 'probability'] });
    opp = moved.data;
  });

  it("a rep cannot see another rep's opportunity (4040, absent from lists) while the manager can", async () => {
    expect((await call('sales.opportunity.get.v1', { opportunityId: opp.opportunityId }, repB)).code).toBe(4040);
    expect((await call('sales.opportunity.get.v1', { opportunityId: randomUUID() }, repB)).code).toBe(4040);
    expect((await call('sales.opportunity.update.v1', { opportunityId: opp.opportunityId, version: 2, name: 'mine now' }, repB)).code).toBe(
      4040,
    );
    expect(await listed(repB)).toEqual([]);
    expect(await listed(repB, { ownerId: repA.employeeId })).toEqual([]);
    expect(await listed(repA)).toContain(opp.opportunityId);
    expect(await listed(manager, { stage: 'proposal' })).toEqual([opp.opportunityId]);
    expect((await call('sales.opportunity.get.v1', { opportunityId: opp.opportunityId }, manager)).code).toBe(0);
  });

  it('a stage opportunities stand at cannot be removed from the pipeline (4090 naming how many)', async () => {
    const p = (await call('sales.pipeline.get.v1', { pipelineId: DEFAULT_PIPELINE }, admin)).data;
    const without = p.stages.filter((s: any) => s.key !== 'proposal');
    const r = await call('sales.pipeline.update.v1', { pipelineId: DEFAULT_PIPELINE, version: p.version, stages: without }, admin);
    expect(r.code).toBe(4090);
    expect(r.message).toContain('1 opportunity stands at proposal');
  });

  it('a quote priced by the catalogue above the threshold: its author cannot approve it (4030), the manager does; accepted; the document is readable HTML', async () => {
    const created = await call('sales.quote.create.v1', bannerQuote(opp.opportunityId), repA);
    // 1500.000000 × 2 = 3000.00 list; 20 % = 600.00 off → net 2400.00; VAT 6 % = 144.00; total 2544.00.
    // 600.00 / 3000.00 = 20 % > 15 % → pending_approval.
    expect(created).toMatchObject({
      code: 0,
      data: {
        status: 'pending_approval',
        authorId: repA.employeeId,
        subtotal: '3000.00',
        discountTotal: '600.00',
        discountPercentOfList: '20.00',
        netTotal: '2400.00',
        taxTotal: '144.00',
        total: '2544.00',
        version: 1,
        lines: [
          {
            lineNo: 1,
            productId,
            unitPrice: '1500.00',
            quantity: 2,
            listAmount: '3000.00',
            lineDiscount: '600.00',
            netAmount: '2400.00',
            taxAmount: '144.00',
          },
        ],
      },
    });
    const quoteId = created.data.quoteId as string;
    expect((await call('sales.quote.get.v1', { quoteId }, repA)).data).toEqual(created.data);
    expect((await call('sales.quote.get.v1', { quoteId }, repB)).code).toBe(4040);
    expect((await call('sales.quote.approve.v1', { quoteId, version: 1 }, repA)).code).toBe(4030); // no quote.approve
    expect((await call('sales.quote.accept.v1', { quoteId, version: 1 }, repA)).code).toBe(4090);
    // A quote the manager wrote: holding quote.approve is not enough to approve one's own.
    const own = await call('sales.quote.create.v1', bannerQuote(opp.opportunityId), manager);
    expect(own).toMatchObject({ code: 0, data: { status: 'pending_approval', authorId: manager.employeeId, total: '2544.00' } });
    const refused = await call('sales.quote.approve.v1', { quoteId: own.data.quoteId, version: 1 }, manager);
    expect(refused.code).toBe(4030);
    expect(refused.message).toMatch(/you wrote quote .* another employee holding quote.approve/);
    const approved = await call('sales.quote.approve.v1', { quoteId, version: 1, reason: 'strategic' }, manager);
    expect(approved).toMatchObject({ code: 0, data: { status: 'approved', decidedBy: manager.employeeId, version: 2 } });
    const accepted = await call('sales.quote.accept.v1', { quoteId, version: 2 }, repA);
    expect(accepted).toMatchObject({ code: 0, data: { status: 'accepted' } });
    const event = await waitFor(async () => events.find((e) => e.key === 'sales.quote.accepted.v1' && e.data.quoteId === quoteId));
    expect(event.data.supersededQuoteIds).toEqual([own.data.quoteId]);
    expect((await call('sales.quote.get.v1', { quoteId: own.data.quoteId }, manager)).data.status).toBe('superseded');
    expect(event.data.lines).toEqual([
      expect.objectContaining({ productId, quantity: 2, configuration: banner, netAmount: '2400.00', taxAmount: '144.00' }),
    ]);
    const doc = await call('sales.quote.document.v1', { quoteId }, manager);
    expect(doc.data.contentType).toBe('text/html');
    expect(doc.data.content).toContain('深圳某某科技有限公司');
    expect(doc.data.content).toContain('首页横幅广告 &amp; &lt;Home banner&gt;');
    expect(doc.data.content).toContain('<li>format: banner</li>');
    expect(doc.data.content).toContain('付款：收到发票后30天内 &lt;net 30&gt;');
    expect(doc.data.content).toContain('2544.00 CNY');
  });

  it('closing as won publishes the won event with amount, campaign, competitors and the accepted quote lines; history has every move', async () => {
    const won = await call(
      'sales.opportunity.close.v1',
      { opportunityId: opp.opportunityId, outcome: 'won', reason: 'coverage', version: 2 },
      repA,
    );
    expect(won).toMatchObject({ code: 0, data: { status: 'won', stage: 'closed-won', probability: 100, version: 3 } });
    const event = await waitFor(async () =>
      events.find((e) => e.key === 'sales.opportunity.won.v1' && e.data.opportunityId === opp.opportunityId),
    );
    expect(event.data).toMatchObject({
      amount: '120000.00',
      currency: 'CNY',
      campaignId: CAMPAIGN,
      competitorIds: [RIVAL],
      reason: 'coverage',
      lines: [{ productId, amount: '2400.00' }],
      employeeId: repA.employeeId,
    });
    expect(event.data.eventId).toEqual(expect.any(String));
    const detail = await call('sales.opportunity.get.v1', { opportunityId: opp.opportunityId }, manager);
    expect(detail.data.stageHistory.map((h: any) => [h.fromStage, h.toStage, h.probability, h.changedBy])).toEqual([
      [null, 'prospecting', 10, repA.employeeId],
      ['prospecting', 'proposal', 50, repA.employeeId],
      ['proposal', 'closed-won', 100, repA.employeeId],
    ]);
    expect((await call('sales.opportunity.close.v1', { opportunityId: opp.opportunityId, outcome: 'lost', version: 3 }, repA)).code).toBe(
      4090,
    );
    expect(await listed(repA, { status: 'won', campaignId: CAMPAIGN, closeDateFrom: '2027-03-01', closeDateTo: '2027-03-31' })).toEqual([
      opp.opportunityId,
    ]);
  });
});
