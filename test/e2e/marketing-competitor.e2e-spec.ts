import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { RawClient } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

jest.setTimeout(180_000);

/**
 * Competitors, industry reference data and the collateral library over the wire as a front end
 * calls them (system caller + employee token, raw amqplib): competitor CRUD and win/loss over
 * opportunity facts with hand-computed figures; GB/T 4754-2017 has 20 sections and 97 divisions and
 * the I65 profile adds up; a 10 MiB document goes in and comes back intact, 10 MiB + 1 byte and an
 * executable called .pdf are 4220; an employee without `document.write` gets 4030.
 */
type Employee = { employeeId: string; token: string };
type Reply = { code: number; data?: any; details?: Array<{ field: string; reasons: string[] }> };
let stack: Stack;
let client: RawClient;
let frontendPassword: string;
let marketer: Employee, rep: Employee;
let db: mysql.Connection;

async function call(pattern: string, payload: unknown, who: Employee, timeoutMs = 20_000): Promise<Reply> {
  const reply = await client.call(
    stack.queue('marketing'),
    pattern,
    { caller: 'FRONTEND', password: frontendPassword, requestId: `rq-${randomUUID()}`, payload, actor: who.token },
    { timeoutMs },
  );
  return reply.response
    ? { code: reply.response.code, data: reply.response.data }
    : { code: reply.err!.code, details: (reply.err as { details?: Reply['details'] }).details };
}

const DAY = 86_400_000;

interface Facts {
  campaigns: Array<{ key: string; type: 'email' | 'event' }>;
  leads: Array<{ industry: string; campaign: string | null; converted: boolean; createdAt?: string }>;
  accounts: Array<{ industry: string; ownerId: string; createdAt: string }>;
  opportunities: Array<{
    industry: string;
    campaign?: string | null;
    amount: string;
    currency?: string;
    status: 'open' | 'won' | 'lost';
    competitorIds: string[];
    lostTo?: string | null;
    ownerId: string;
    createdAt: string;
    closedAt?: string | null;
  }>;
}

async function ok(pattern: string, payload: unknown, who: Employee): Promise<any> {
  const r = await call(pattern, payload, who);
  expect({ pattern, code: r.code, details: r.details }).toEqual({ pattern, code: 0, details: undefined });
  return r.data;
}

function publish(pattern: string, data: Record<string, unknown>): void {
  const body = { eventId: randomUUID(), occurredAt: new Date().toISOString(), caller: 'FRONTEND', ...data };
  client.ch.publish(`${stack.ns}.events`, pattern, stack.sealedEvent(pattern, body), { persistent: true, contentType: 'application/json' });
}

/**
 * The facts win/loss and the industry profile read, made through the features that own them:
 * campaigns by `marketing.campaign.create.v1`, leads by `marketing.lead.capture.v1` (created now),
 * accounts and opportunities by sealed sales events into the sales feed. Two things have no
 * feature yet and are set on the real rows directly: the conversion into sales (issue 10 item 4:
 * `status`/`converted_at`) and a lead captured long ago (`created_at`).
 */
async function seed(f: Facts, who: Employee): Promise<Map<string, string>> {
  const campaigns = new Map<string, string>();
  for (const c of f.campaigns) {
    const created = await ok(
      'marketing.campaign.create.v1',
      {
        name: `C ${c.key} ${randomUUID().slice(0, 8)}`,
        type: c.type,
        startDate: new Date(Date.now() - 100 * DAY).toISOString().slice(0, 10),
        endDate: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
        budget: '1000.00',
        expectedRevenue: '2000.00',
      },
      who,
    );
    campaigns.set(c.key, created.campaignId);
  }
  for (const l of f.leads) {
    const campaignId = l.campaign ? campaigns.get(l.campaign) : undefined;
    const lead = await ok('marketing.lead.capture.v1', { name: 'Lead', source: 'form', industryCode: l.industry, campaignId }, who);
    if (l.converted)
      await db.query("UPDATE `lead` SET status = 'converted', converted_at = NOW(3), version = version + 1 WHERE id = ?", [lead.leadId]);
    if (l.createdAt) await db.query('UPDATE `lead` SET created_at = ? WHERE id = ?', [new Date(l.createdAt), lead.leadId]);
  }
  for (const a of f.accounts)
    publish('sales.account.created.v1', {
      accountId: randomUUID(),
      accountNo: `ACC-${randomUUID().slice(0, 8)}`,
      name: 'Account',
      industryCode: a.industry,
      regionCode: '440305',
      segment: 'sme',
      ownerId: a.ownerId,
      version: 1,
      createdAt: a.createdAt,
      updatedAt: a.createdAt,
    });
  const patterns = { open: 'sales.opportunity.created.v1', won: 'sales.opportunity.won.v1', lost: 'sales.opportunity.lost.v1' };
  for (const o of f.opportunities)
    publish(patterns[o.status], {
      opportunityId: randomUUID(),
      accountId: randomUUID(),
      name: 'Opportunity',
      amount: o.amount,
      currency: o.currency ?? 'CNY',
      status: o.status,
      channel: 'direct',
      campaignId: o.campaign ? campaigns.get(o.campaign) : null,
      leadId: null,
      competitorIds: o.competitorIds,
      competitorId: o.lostTo ?? null,
      ownerId: o.ownerId,
      territoryId: null,
      industryCode: o.industry,
      createdAt: o.createdAt,
      closedAt: o.closedAt ?? null,
      version: o.status === 'open' ? 1 : 3,
      ...(o.status === 'open' ? {} : { reason: 'test', lines: [] }),
    });
  const expected = f.accounts.length + f.opportunities.length;
  await until(
    'the sales feed to apply every event',
    async () => {
      const [rows] = await db.query<any[]>("SELECT COUNT(*) AS n FROM inbox WHERE purpose = 'sales-feed'");
      return Number(rows[0].n);
    },
    (n) => n === expected,
    20_000,
  );
  return campaigns;
}

let alpha: any, beta: any;

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'marketing'] });
  client = await RawClient.connect();
  frontendPassword = await stack.createCaller('FRONTEND', [
    'marketing.competitor.*',
    'marketing.industry.*',
    'marketing.document.*',
    'marketing.campaign.*',
    'marketing.lead.*',
  ]);
  [marketer, rep] = await Promise.all([stack.employee(['marketing']), stack.employee(['sales'])]);
  db = await stack.db('marketing');
});

afterAll(async () => {
  await db?.end();
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('competitors', () => {
  it('creates, reads, updates with a version, lists newest first, and refuses duplicates, stale versions and bad input', async () => {
    const created = await call(
      'marketing.competitor.create.v1',
      {
        name: 'Alpha Cloud',
        website: 'https://alpha.example.com',
        strengths: ['price'],
        weaknesses: ['support'],
        opportunities: ['SME'],
        threats: ['bundling'],
        products: [{ name: 'Alpha CRM', price: '99.00', unit: 'seat-month' }],
        segments: ['sme'],
        industries: ['I65'],
      },
      marketer,
    );
    expect(created).toMatchObject({ code: 0, data: { name: 'Alpha Cloud', version: 1, products: [{ price: '99.00', currency: 'CNY' }] } });
    alpha = created.data;
    beta = (await call('marketing.competitor.create.v1', { name: 'Beta Soft' }, marketer)).data;
    expect((await call('marketing.competitor.create.v1', { name: 'alpha cloud' }, marketer)).code).toBe(4090);
    const bad = await call(
      'marketing.competitor.create.v1',
      { name: 'X', products: [{ name: 'p', price: '9.9' }], industries: ['Z9'] },
      marketer,
    );
    expect(bad.code).toBe(4220);
    expect(bad.details!.map((d) => d.field).sort()).toEqual(['industries', 'products.0.price']);
    const updated = await call(
      'marketing.competitor.update.v1',
      { competitorId: alpha.competitorId, version: 1, strengths: ['price', 'UI'] },
      marketer,
    );
    expect(updated).toMatchObject({ code: 0, data: { version: 2, strengths: ['price', 'UI'] } });
    expect(
      (await call('marketing.competitor.update.v1', { competitorId: alpha.competitorId, version: 1, threats: [] }, marketer)).code,
    ).toBe(4090);
    expect((await call('marketing.competitor.get.v1', { competitorId: alpha.competitorId }, marketer)).data.version).toBe(2);
    const page1 = await call('marketing.competitor.list.v1', { limit: 1 }, marketer);
    expect(page1.data.items.map((c: any) => c.name)).toEqual(['Beta Soft']);
    const page2 = await call('marketing.competitor.list.v1', { limit: 1, cursor: page1.data.nextCursor }, marketer);
    expect(page2.data).toMatchObject({ items: [{ name: 'Alpha Cloud' }], nextCursor: null });
    expect((await call('marketing.competitor.create.v1', { name: 'Gamma' }, rep)).code).toBe(4030);
  });
});

describe('win/loss and the industry profile', () => {
  it('figures match those computed by hand', async () => {
    const A = alpha.competitorId;
    const B = beta.competitorId;
    const me = marketer.employeeId;
    // Day 0 is 90 days before today (UTC); the period runs to the start of tomorrow, so leads captured now are in it.
    const day0 = Math.floor(Date.now() / DAY) * DAY - 90 * DAY;
    const at = (d: number) => new Date(day0 + d * DAY).toISOString();
    await seed(
      {
        campaigns: [
          { key: 'email', type: 'email' },
          { key: 'event', type: 'event' },
        ],
        leads: [
          ...Array.from({ length: 4 }, (_, i) => ({ industry: 'I6510', campaign: 'email', converted: i === 0 })),
          ...Array.from({ length: 2 }, () => ({ industry: 'I65', campaign: 'event', converted: true })),
          { industry: 'I65', campaign: null, converted: false },
          { industry: 'I64', campaign: 'email', converted: true },
          { industry: 'I65', campaign: null, converted: true, createdAt: at(-335) },
        ],
        accounts: [
          { industry: 'I65', ownerId: me, createdAt: at(4) },
          { industry: 'I651', ownerId: me, createdAt: at(63) },
          { industry: 'C39', ownerId: me, createdAt: at(63) },
        ],
        opportunities: [
          {
            industry: 'I65',
            campaign: 'email',
            amount: '1000.00',
            status: 'won',
            competitorIds: [A],
            ownerId: me,
            createdAt: at(9),
            closedAt: at(40),
          },
          {
            industry: 'I65',
            campaign: 'event',
            amount: '3000.01',
            status: 'won',
            competitorIds: [A, B],
            ownerId: me,
            createdAt: at(9),
            closedAt: at(41),
          },
          {
            industry: 'I65',
            amount: '1200.50',
            status: 'lost',
            competitorIds: [A],
            lostTo: A,
            ownerId: me,
            createdAt: at(14),
            closedAt: at(59),
          },
          {
            industry: 'I64',
            amount: '800.00',
            status: 'lost',
            competitorIds: [A, B],
            lostTo: B,
            ownerId: me,
            createdAt: at(31),
            closedAt: at(78),
          },
          {
            industry: 'C39',
            amount: '300.25',
            status: 'lost',
            competitorIds: [A],
            lostTo: A,
            ownerId: me,
            createdAt: at(-31),
            closedAt: at(4),
          },
          { industry: 'I65', amount: '50.00', status: 'open', competitorIds: [B], ownerId: me, createdAt: at(89) },
          {
            industry: 'I65',
            amount: '70.00',
            status: 'won',
            competitorIds: [A],
            ownerId: me,
            createdAt: at(-245),
            closedAt: at(-214),
          },
        ],
      },
      marketer,
    );
    const period = { from: at(0), to: at(91) };
    const analysis = await call('marketing.competitor.analysis.v1', { ...period, competitorIds: [A, B] }, marketer);
    expect(analysis.code).toBe(0);
    // A: met (created in the period) o1, o2, o3, o4 = 4; closed in it: won o1, o2; lost o3, o4, o5 → 2/5; lost to A: o3 1200.50 + o5 300.25.
    // B: met o2, o4, o6 = 3; won o2; lost o4 (to B, 800.00) → 1/2.
    expect(analysis.data.items).toEqual([
      {
        competitorId: A,
        name: 'Alpha Cloud',
        met: 4,
        won: 2,
        lost: 3,
        lostTo: 2,
        winRate: '0.4000',
        amountLost: '1500.75',
        currency: 'CNY',
        otherCurrencyLost: 0,
      },
      {
        competitorId: B,
        name: 'Beta Soft',
        met: 3,
        won: 1,
        lost: 1,
        lostTo: 1,
        winRate: '0.5000',
        amountLost: '800.00',
        currency: 'CNY',
        otherCurrencyLost: 0,
      },
    ]);
    expect((await call('marketing.competitor.analysis.v1', { from: at(31), to: at(0) }, marketer)).details).toEqual([
      { field: 'to', reasons: ['to must be later than from'] },
    ]);

    // I65 in the period: accounts I65, I651 = 2; leads 4 email (1 converted) + 2 event (2) + 1 none = 7, 3 converted → 0.4286.
    // Won o1 1000.00 + o2 3000.01 = 4000.01 over 2 → 2000.01 (2000.005 half-up); lost o3 → win rate 2/3 = 0.6667.
    // Campaign types: event 2/2 = 1.0000 (revenue 3000.01), email 1/4 = 0.2500 (1000.00).
    const profile = await call('marketing.industry.profile.v1', { industryCode: '65', ...period }, marketer);
    expect(profile.code).toBe(0);
    expect(profile.data).toMatchObject({
      industry: { code: 'I65', level: 'division', section: 'I', nameZh: '软件和信息技术服务业' },
      accounts: 2,
      leads: 7,
      convertedLeads: 3,
      conversionRate: '0.4286',
      won: 2,
      lost: 1,
      winRate: '0.6667',
      wonRevenue: '4000.01',
      averageWonDeal: '2000.01',
      campaignTypes: [
        { type: 'event', leads: 2, convertedLeads: 2, conversionRate: '1.0000', revenue: '3000.01' },
        { type: 'email', leads: 4, convertedLeads: 1, conversionRate: '0.2500', revenue: '1000.00' },
      ],
    });
    // A met o1, o2, o3 (won 2, lost 1); B met o2, o6 (won 1).
    expect(profile.data.competitors).toEqual([
      { competitorId: A, name: 'Alpha Cloud', met: 3, won: 2, lost: 1, winRate: '0.6667' },
      { competitorId: B, name: 'Beta Soft', met: 2, won: 1, lost: 0, winRate: '1.0000' },
    ]);
    expect((await call('marketing.industry.profile.v1', { industryCode: 'C65' }, marketer)).details![0]!.field).toBe('industryCode');
  });

  it('lists the 20 sections and 97 divisions, searchable in both languages', async () => {
    const all = await call('marketing.industry.list.v1', {}, marketer);
    expect(all.data.sections).toHaveLength(20);
    expect(all.data.sections.flatMap((s: any) => s.divisions)).toHaveLength(97);
    expect(all.data.sections.find((s: any) => s.code === 'C')).toMatchObject({ divisionRange: ['13', '43'], nameEn: 'Manufacturing' });
    // A division's name: its section with that division only; a section's name: the section with all of its divisions.
    const zh = await call('marketing.industry.list.v1', { q: '互联网' }, marketer);
    expect(zh.data.sections).toEqual([expect.objectContaining({ code: 'I', divisions: [expect.objectContaining({ code: 'I64' })] })]);
    const section = await call('marketing.industry.list.v1', { q: '软件' }, marketer);
    expect(section.data.sections.map((s: any) => [s.code, s.divisions.map((d: any) => d.code)])).toEqual([['I', ['I63', 'I64', 'I65']]]);
    const en = await call('marketing.industry.list.v1', { q: 'insurance', flat: true }, marketer);
    expect(en.data.items).toEqual([{ code: 'J68', level: 'division', section: 'J', nameZh: '保险业', nameEn: 'Insurance' }]);
  });
});

describe('documents', () => {
  const MAX = 10 * 1024 * 1024;
  const pdf = (size: number) => {
    const b = randomBytes(size);
    b.write('%PDF-1.7\n', 0);
    return b;
  };

  it('takes a 10 MiB document and gives it back intact; refuses 10 MiB + 1 byte and an executable called .pdf', async () => {
    const bytes = pdf(MAX);
    const created = await call(
      'marketing.document.create.v1',
      {
        title: '产品手册 2026',
        tags: ['brochure'],
        fileName: 'brochure.pdf',
        contentType: 'application/pdf',
        contentBase64: bytes.toString('base64'),
        sharedRoles: ['sales'],
      },
      marketer,
      60_000,
    );
    expect(created.code).toBe(0);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(created.data).toMatchObject({ version: 1, currentVersion: { versionNo: 1, size: MAX, sha256: sha }, sharedRoles: ['sales'] });
    expect(JSON.stringify(created.data)).not.toContain('contentBase64');
    const down = await call('marketing.document.download.v1', { documentId: created.data.documentId }, marketer, 60_000);
    expect(down.code).toBe(0);
    expect(createHash('sha256').update(Buffer.from(down.data.contentBase64, 'base64')).digest('hex')).toBe(sha);

    const over = await call(
      'marketing.document.create.v1',
      { title: 'too big', fileName: 'big.pdf', contentType: 'application/pdf', contentBase64: pdf(MAX + 1).toString('base64') },
      marketer,
      60_000,
    );
    expect(over).toMatchObject({
      code: 4220,
      details: [{ field: 'contentBase64', reasons: [`content is ${MAX + 1} bytes; at most ${MAX} bytes are accepted`] }],
    });
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(4096)]);
    const disguised = await call(
      'marketing.document.create.v1',
      { title: 'brochure', fileName: 'brochure.pdf', contentType: 'application/pdf', contentBase64: exe.toString('base64') },
      marketer,
    );
    expect(disguised).toMatchObject({ code: 4220, details: [{ field: 'contentBase64' }] });

    // A new version, then the first one is still there; the list carries no content.
    const v2 = await call(
      'marketing.document.update.v1',
      {
        documentId: created.data.documentId,
        version: 1,
        content: { fileName: 'notes.md', contentType: 'text/markdown', contentBase64: Buffer.from('# v2\n').toString('base64') },
      },
      marketer,
    );
    expect(v2).toMatchObject({ code: 0, data: { version: 2, currentVersion: { versionNo: 2, size: 5 } } });
    const got = await call('marketing.document.get.v1', { documentId: created.data.documentId }, marketer);
    expect(got.data.versions.map((v: any) => v.versionNo)).toEqual([2, 1]);
    const first = await call('marketing.document.download.v1', { documentId: created.data.documentId, versionNo: 1 }, marketer, 60_000);
    expect(first.data.sha256).toBe(sha);
    const listed = await call('marketing.document.list.v1', { tag: 'brochure' }, marketer);
    expect(listed.data.items.map((d: any) => d.documentId)).toEqual([created.data.documentId]);
    expect(
      (await call('marketing.document.share.v1', { documentId: created.data.documentId, version: 1, roles: [], teams: [] }, marketer)).code,
    ).toBe(4090);
    expect(
      await call(
        'marketing.document.share.v1',
        { documentId: created.data.documentId, version: 2, roles: ['sales', 'manager'], teams: ['sales/north'] },
        marketer,
      ),
    ).toMatchObject({
      code: 0,
      data: { version: 3, sharedRoles: ['manager', 'sales'], sharedTeams: ['sales/north'] },
    });
  });

  it('an employee without document.write gets 4030', async () => {
    const r = await call(
      'marketing.document.create.v1',
      { title: 'x', fileName: 'x.txt', contentType: 'text/plain', contentBase64: Buffer.from('x').toString('base64') },
      rep,
    );
    expect(r.code).toBe(4030);
  });
});
