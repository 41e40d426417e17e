import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

jest.setTimeout(120_000);

/**
 * Lead conversion into sales over raw amqplib as a front end calls it (SPEC §6.1, issue 10 item 4):
 * capture with a campaign → qualify → convert → within seconds the account, contact and opportunity
 * exist in sales carrying `leadId` and `campaignId` and the lead is `converted` with their ids; a
 * second convert answers the same ids and creates nothing; a conversion while `sales` is stopped
 * answers `converting` and completes once after it starts; a refusal by sales (an unknown account)
 * leaves the lead `qualified` with the error, and it converts after a correction.
 */
type Employee = { employeeId: string; token: string };
type Reply = { code: number; data?: any; details?: Array<{ field: string; reasons: string[] }>; message?: string };

let stack: Stack;
let client: RawClient;
let password: string;
let marketer: Employee, admin: Employee;
const campaignId = randomUUID();

async function call(app: 'marketing' | 'sales', pattern: string, payload: unknown, who: Employee = marketer): Promise<Reply> {
  const reply = await client.call(stack.queue(app), pattern, {
    caller: 'FRONTEND',
    password,
    requestId: `rq-${randomUUID()}`,
    payload,
    actor: who.token,
  });
  return reply.response
    ? { code: reply.response.code, data: reply.response.data }
    : { code: reply.err!.code, details: reply.err!.details, message: reply.err!.message };
}

async function ok(pattern: string, payload: unknown, who: Employee = marketer): Promise<any> {
  const r = await call(pattern.startsWith('sales.') ? 'sales' : 'marketing', pattern, payload, who);
  if (r.code !== 0) throw new Error(`${pattern}: ${r.code} ${r.message} ${JSON.stringify(r.details)}`);
  return r.data;
}

async function rows(sql: string, params: unknown[] = []): Promise<any[]> {
  const db = await stack.db('sales');
  try {
    const [r] = await db.query(sql, params);
    return r as any[];
  } finally {
    await db.end();
  }
}

/** A captured lead moved to `qualified`; its current version. */
async function qualifiedLead(company: string | undefined, phone: string): Promise<{ leadId: string; version: number }> {
  const captured = await ok('marketing.lead.capture.v1', {
    name: 'Wang Fang',
    ...(company ? { company } : {}),
    phone,
    email: `${phone}@example.com`,
    industryCode: 'I6510',
    regionCode: '440300',
    source: 'event',
    campaignId,
  });
  const q = await ok('marketing.lead.transition.v1', { leadId: captured.leadId, version: 1, status: 'qualified' });
  return { leadId: captured.leadId, version: q.version };
}

const opportunity = { name: 'Data platform', amount: '120000.00', closeDate: '2026-12-31' };

async function converted(leadId: string, timeoutMs = 20_000): Promise<any> {
  return waitFor(async () => {
    const lead = await ok('marketing.lead.get.v1', { leadId });
    return lead.status === 'converted' ? lead : null;
  }, timeoutMs);
}

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'marketing', 'sales'] });
  client = await RawClient.connect();
  [password, marketer, admin] = await Promise.all([
    stack.createCaller('FRONTEND', ['marketing.*', 'sales.*']),
    stack.employee(['marketing']),
    stack.employee(['administrator']),
  ]);
});

afterAll(async () => {
  await client?.close();
  await stack?.stop();
});

describe('marketing.lead.convert.v1', () => {
  let first: any;

  it('creates account, contact and opportunity in sales with leadId and campaignId; the lead shows their ids', async () => {
    const { leadId, version } = await qualifiedLead('深圳市星河数据科技有限公司', '13800138001');
    const reply = await ok('marketing.lead.convert.v1', { leadId, version, opportunity });
    expect(reply.leadId).toBe(leadId);
    expect(['converting', 'converted']).toContain(reply.status);

    const lead = await converted(leadId);
    expect(lead).toMatchObject({ conversionStatus: 'converted', conversionError: null });
    expect(lead.accountId).toEqual(expect.any(String));
    expect(lead.contactId).toEqual(expect.any(String));
    expect(lead.opportunityId).toEqual(expect.any(String));
    first = lead;

    const opp = await ok('sales.opportunity.get.v1', { opportunityId: lead.opportunityId }, admin);
    expect(opp).toMatchObject({ accountId: lead.accountId, leadId, campaignId, amount: '120000.00', status: 'open', channel: 'field' });
    const account = await ok('sales.account.get.v1', { accountId: lead.accountId }, admin);
    expect(account).toMatchObject({ name: '深圳市星河数据科技有限公司', regionCode: '440300', industryCode: 'I6510' });
    const contact = await ok('sales.contact.get.v1', { contactId: lead.contactId }, admin);
    expect(contact).toMatchObject({ accountId: lead.accountId, name: 'Wang Fang', primary: true });
    expect(
      await rows('SELECT lead_id, campaign_id, account_id, contact_id, opportunity_id FROM lead_conversion WHERE lead_id = ?', [leadId]),
    ).toEqual([
      {
        lead_id: leadId,
        campaign_id: campaignId,
        account_id: lead.accountId,
        contact_id: lead.contactId,
        opportunity_id: lead.opportunityId,
      },
    ]);
    const history = await ok('marketing.lead.history.v1', { leadId });
    expect(history.items.map((h: any) => h.action).slice(0, 2)).toEqual(['converted', 'converting']);
  });

  it('a second convert answers the same ids and creates nothing', async () => {
    const again = await ok('marketing.lead.convert.v1', { leadId: first.leadId, version: 2, opportunity });
    expect(again).toEqual({
      leadId: first.leadId,
      status: 'converted',
      accountId: first.accountId,
      contactId: first.contactId,
      opportunityId: first.opportunityId,
    });
    expect(await rows('SELECT COUNT(*) AS n FROM account WHERE normalized_name = ?', ['深圳市星河数据科技'])).toEqual([{ n: 1 }]);
    expect(await rows('SELECT COUNT(*) AS n FROM opportunity WHERE lead_id = ?', [first.leadId])).toEqual([{ n: 1 }]);
  });

  it('a new lead of a company sales already has links to that account (linkedExisting), never a second account', async () => {
    const { leadId, version } = await qualifiedLead('深圳市星河数据科技 股份有限公司', '13800138002');
    await ok('marketing.lead.convert.v1', { leadId, version, opportunity: { ...opportunity, name: 'Expansion' } });
    const lead = await converted(leadId);
    expect(lead.accountId).toBe(first.accountId);
    expect(await rows('SELECT COUNT(*) AS n FROM account WHERE normalized_name = ?', ['深圳市星河数据科技'])).toEqual([{ n: 1 }]);
    expect(await rows('SELECT linked_existing FROM lead_conversion WHERE lead_id = ?', [leadId])).toEqual([{ linked_existing: 1 }]);
  });

  it('refuses a lead that is not qualified (4090) and a lead without company or account name (4220)', async () => {
    const captured = await ok('marketing.lead.capture.v1', { name: 'Zhao Lei', phone: '13800138003', source: 'form' });
    const notQualified = await call('marketing', 'marketing.lead.convert.v1', { leadId: captured.leadId, version: 1, opportunity });
    expect(notQualified.code).toBe(4090);
    const q = await ok('marketing.lead.transition.v1', { leadId: captured.leadId, version: 1, status: 'qualified' });
    const noName = await call('marketing', 'marketing.lead.convert.v1', { leadId: captured.leadId, version: q.version, opportunity });
    expect(noName.code).toBe(4220);
    expect(noName.details).toEqual([{ field: 'account.name', reasons: [expect.stringContaining('account.name is required')] }]);
  });

  it('a refusal by sales leaves the lead qualified with the error; corrected, it converts', async () => {
    const { leadId, version } = await qualifiedLead('Acme Robotics', '13800138004');
    const missing = randomUUID();
    expect((await ok('marketing.lead.convert.v1', { leadId, version, opportunity, account: { accountId: missing } })).status).toBe(
      'converting',
    );
    const failed = await waitFor(async () => {
      const l = await ok('marketing.lead.get.v1', { leadId });
      return l.conversionStatus === 'failed' ? l : null;
    });
    expect(failed).toMatchObject({ status: 'qualified', conversionError: { code: 4040 } });
    await ok('marketing.lead.convert.v1', { leadId, version: failed.version, opportunity, account: { accountId: first.accountId } });
    expect((await converted(leadId)).accountId).toBe(first.accountId);
  });

  it('while sales is stopped answers converting and completes once after sales starts', async () => {
    const { leadId, version } = await qualifiedLead('Hangzhou Cloud Works', '13800138005');
    await stack.killApp('sales', 'SIGTERM');
    try {
      expect(await ok('marketing.lead.convert.v1', { leadId, version, opportunity })).toEqual({ leadId, status: 'converting' });
      // Retried by the front end: the current state, no second conversion.
      expect(await ok('marketing.lead.convert.v1', { leadId, version, opportunity })).toEqual({ leadId, status: 'converting' });
      await new Promise((r) => setTimeout(r, 3000));
      expect((await ok('marketing.lead.get.v1', { leadId })).conversionStatus).toBe('converting');
    } finally {
      await stack.startApp('sales');
    }
    const lead = await converted(leadId, 45_000);
    expect(await rows('SELECT COUNT(*) AS n FROM opportunity WHERE lead_id = ?', [leadId])).toEqual([{ n: 1 }]);
    expect(await rows('SELECT COUNT(*) AS n FROM account WHERE normalized_name = ?', ['hangzhou cloud works'])).toEqual([{ n: 1 }]);
    expect(await rows('SELECT opportunity_id FROM lead_conversion WHERE lead_id = ?', [leadId])).toEqual([
      { opportunity_id: lead.opportunityId },
    ]);
  });
});
