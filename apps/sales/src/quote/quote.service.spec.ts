import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  Decimal,
  ErrorCode,
  QUOTE_ACCEPTED_V1,
  QUOTE_APPROVED_V1,
  QUOTE_CREATED_V1,
  QUOTE_REVISED_V1,
  type ScopeGrant,
} from '@crm/contracts';
import type { Change, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { OpportunityEntity } from '../opportunity/opportunity.entity.js';
import { ProductPricing, type PriceRequest, type PricedLine } from '../product/product-pricing.js';
import type { SalesConfig } from '../sales.config.js';
import type { QuoteLineEntity } from './quote-line.entity.js';
import type { QuoteEntity } from './quote.entity.js';
import type { QuoteRepository } from './quote.repository.js';
import { QuoteService } from './quote.service.js';

const OPP = '0b8f4f0e-0000-4000-8000-0000000000a1';
const ACCOUNT = '0b8f4f0e-0000-4000-8000-0000000000c1';
const PRODUCT = '0b8f4f0e-0000-4000-8000-0000000000f1';

/** The catalogue seam as quotes see it: a list price per product, VAT 6 %, the request remembered. */
class FakePricing extends ProductPricing {
  requests: PriceRequest[] = [];
  price(_m: EntityManager, request: PriceRequest): Promise<PricedLine[]> {
    this.requests.push(request);
    return Promise.resolve(
      request.lines.map((l) => ({
        productId: l.productId,
        sku: 'AD-BANNER',
        name: '首页横幅广告 Home banner',
        quantity: l.quantity,
        configuration: l.configuration,
        unitPrice: new Decimal('1000.00'),
        listAmount: new Decimal('1000.00').times(l.quantity),
        taxRate: new Decimal('0.06'),
        breakdown: ['base 1000.00'],
        priceBookId: null,
        bundleOf: null,
      })),
    );
  }
}

/** Quotes and lines in maps; a quote is in scope when its opportunity's owner is, as the SQL joins it. */
class FakeQuoteRepository {
  readonly quotes = new Map<string, QuoteEntity>();
  readonly lineRows = new Map<string, QuoteLineEntity[]>();
  readonly opportunities = new Map<string, OpportunityEntity>();
  private clock = Date.parse('2026-11-01T00:00:00Z');

  private inScope(opportunityId: string, scope: ScopeGrant | null): boolean {
    if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
    const o = this.opportunities.get(opportunityId);
    return !!o && (scope.owners === null || scope.owners.includes(o.ownerId));
  }

  async opportunity(id: string, scope: ScopeGrant | null): Promise<OpportunityEntity | null> {
    return this.inScope(id, scope) ? { ...this.opportunities.get(id)! } : null;
  }

  async account() {
    return { name: '深圳某某科技有限公司', accountNo: 'ACC-1', segment: 'business' };
  }

  async insert(_m: EntityManager, quote: Omit<QuoteEntity, 'version' | 'createdAt' | 'updatedAt'>, lines: QuoteLineEntity[]) {
    const at = new Date((this.clock += 1000));
    const row = { ...quote, version: 1, createdAt: at, updatedAt: at };
    this.quotes.set(quote.id, row);
    this.lineRows.set(quote.id, lines);
    return { ...row };
  }

  async find(id: string, scope: ScopeGrant | null): Promise<QuoteEntity | null> {
    const q = this.quotes.get(id);
    return q && this.inScope(q.opportunityId, scope) ? { ...q } : null;
  }

  async lines(_m: EntityManager, quoteId: string) {
    return (this.lineRows.get(quoteId) ?? []).map((l) => ({ ...l }));
  }

  async nextRevision(_m: EntityManager, quoteNo: string) {
    return Math.max(0, ...[...this.quotes.values()].filter((q) => q.quoteNo === quoteNo).map((q) => q.revision)) + 1;
  }

  async update(_m: EntityManager, id: string, patch: Partial<QuoteEntity>) {
    const row = { ...this.quotes.get(id)!, ...patch, updatedAt: new Date((this.clock += 1000)) };
    this.quotes.set(id, row);
    return { ...row };
  }

  async supersedeOthers(_m: EntityManager, opportunityId: string, exceptId: string) {
    const ids: string[] = [];
    for (const q of this.quotes.values())
      if (q.opportunityId === opportunityId && q.id !== exceptId && q.status !== 'accepted' && q.status !== 'superseded') {
        this.quotes.set(q.id, { ...q, status: 'superseded', version: q.version + 1 });
        ids.push(q.id);
      }
    return ids;
  }
}

function opportunity(over: Partial<OpportunityEntity> = {}): OpportunityEntity {
  return {
    id: OPP,
    accountId: ACCOUNT,
    name: '2027 品牌推广',
    amount: '50000.00',
    currency: 'CNY',
    closeDate: '2027-03-31',
    pipelineId: '7d6c1f5e-3a2b-4c1d-9e8f-000000000002',
    stage: 'media-plan',
    probability: 30,
    status: 'open',
    channel: 'online',
    campaignId: null,
    leadId: null,
    partnerId: null,
    ownerId: 'E100001',
    territoryId: null,
    industryCode: 'I65',
    competitorIds: [],
    closeReason: null,
    lostToCompetitorId: null,
    closedAt: null,
    version: 1,
    createdBy: 'E100001',
    updatedBy: 'E100001',
    createdAt: new Date('2026-10-01T00:00:00Z'),
    updatedAt: new Date('2026-10-01T00:00:00Z'),
    ...over,
  };
}

function setup(threshold = 15) {
  const repo = new FakeQuoteRepository();
  repo.opportunities.set(OPP, opportunity());
  const pricing = new FakePricing();
  const recorded: Change[] = [];
  const changes = { record: async (_m: unknown, _c: unknown, change: Change) => void recorded.push(change) } as unknown as ChangeRecorder;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const config = { quoteApprovalDiscountPercent: threshold } as SalesConfig;
  const service = new QuoteService(
    dataSource,
    changes,
    repo as unknown as QuoteRepository,
    pricing,
    config,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
  );
  return { repo, pricing, recorded, service };
}

function ctx(employeeId: string, owners: string[] | null): CallContext {
  return {
    caller: 'FRONTEND',
    employeeId,
    requestKey: null,
    requestId: 'rq-1',
    scope: { scope: owners ? 'own' : 'all', owners },
    permissions: [],
  };
}

const rep = ctx('E100001', ['E100001']);
const manager = ctx('E200001', ['E200001', 'E100001']);
const otherRep = ctx('E100002', ['E100002']);

async function codeOf(p: Promise<unknown>): Promise<{ code: ErrorCode; message: string } | 'ok'> {
  return p.then(
    () => 'ok' as const,
    (e: unknown) => (e instanceof CrmError ? { code: e.code, message: e.message } : Promise.reject(e)),
  );
}

/** Two banner weeks of 1000.00 = 2000.00 list; `discountAmount` on the one line. */
const quoteOf = (discountAmount: string) => ({
  opportunityId: OPP,
  lines: [{ productId: PRODUCT, quantity: 2, configuration: { slot: 'home', 城市: '深圳' }, discountAmount }],
  validUntil: '2099-12-31',
});

describe('QuoteService: pricing context, approval threshold', () => {
  it("prices with the opportunity's channel and the account's segment; exactly 15 % off is approved at once", async () => {
    const { service, pricing, recorded } = setup();
    // 300.00 of 2000.00 = 15.00 %: not above the threshold.
    const q = await service.create(quoteOf('300.00'), rep);
    expect(pricing.requests[0]).toMatchObject({ channel: 'online', segment: 'business', currency: 'CNY' });
    expect(q).toMatchObject({
      status: 'approved',
      revision: 1,
      subtotal: '2000.00',
      discountTotal: '300.00',
      discountPercentOfList: '15.00',
      netTotal: '1700.00',
      taxTotal: '102.00',
      total: '1802.00',
      authorId: 'E100001',
    });
    expect(recorded.map((c) => [c.action, c.event?.pattern])).toEqual([['create', QUOTE_CREATED_V1]]);
  });

  it('one cent more is pending_approval; the author cannot approve it (4030), another holder of quote.approve can', async () => {
    const { service, recorded } = setup();
    const q = await service.create(quoteOf('300.01'), rep);
    expect(q.status).toBe('pending_approval');
    const own = await codeOf(service.approve({ quoteId: q.quoteId, version: q.version }, rep));
    expect(own).toEqual({
      code: ErrorCode.Forbidden,
      message: expect.stringMatching(/you wrote quote .*another employee holding quote.approve/),
    });
    // Accepting before approval is an illegal transition.
    expect(await codeOf(service.accept({ quoteId: q.quoteId, version: q.version }, rep))).toMatchObject({ code: ErrorCode.Conflict });
    const approved = await service.approve({ quoteId: q.quoteId, version: q.version, reason: 'strategic account' }, manager);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'E200001', decisionReason: 'strategic account', version: 2 });
    expect(recorded.at(-1)).toMatchObject({ action: 'approve', event: { pattern: QUOTE_APPROVED_V1 } });
    // Approving twice: no longer pending.
    expect(await codeOf(service.approve({ quoteId: q.quoteId, version: 2 }, manager))).toMatchObject({ code: ErrorCode.Conflict });
  });
});

describe('QuoteService: revisions, acceptance, scope, versions', () => {
  it('revise makes revision 2 with the same number and supersedes revision 1; accept supersedes the other revisions', async () => {
    const { service, repo, recorded } = setup();
    const r1 = await service.create(quoteOf('100.00'), rep);
    const r2 = await service.revise({ quoteId: r1.quoteId, version: r1.version, headerDiscountPercent: '5' }, rep);
    // Lines kept from revision 1 (100.00 off 2000.00 → 1900.00), then 5 % of 1900.00 = 95.00 off the header.
    expect(r2).toMatchObject({
      quoteNo: r1.quoteNo,
      revision: 2,
      previousQuoteId: r1.quoteId,
      discountTotal: '195.00',
      status: 'approved',
    });
    expect(r2.lines[0]).toMatchObject({ lineDiscount: '100.00', headerDiscount: '95.00', netAmount: '1805.00', taxAmount: '108.30' });
    expect(repo.quotes.get(r1.quoteId)!.status).toBe('superseded');
    expect(recorded.map((c) => c.event?.pattern ?? c.action)).toEqual([QUOTE_CREATED_V1, 'supersede', QUOTE_REVISED_V1]);
    // A superseded revision is not revised again, and a stale version is refused.
    expect(await codeOf(service.revise({ quoteId: r1.quoteId, version: 2 }, rep))).toMatchObject({ code: ErrorCode.Conflict });
    expect(await codeOf(service.revise({ quoteId: r2.quoteId, version: 7 }, rep))).toEqual({
      code: ErrorCode.Conflict,
      message: expect.stringContaining('stale version'),
    });

    const other = await service.create(quoteOf('0.00'), rep);
    const accepted = await service.accept({ quoteId: r2.quoteId, version: r2.version }, rep);
    expect(accepted.status).toBe('accepted');
    expect(repo.quotes.get(other.quoteId)!.status).toBe('superseded');
    expect(recorded.at(-1)).toMatchObject({
      action: 'accept',
      event: {
        pattern: QUOTE_ACCEPTED_V1,
        data: {
          supersededQuoteIds: [other.quoteId],
          lines: [{ productId: PRODUCT, netAmount: '1805.00', taxAmount: '108.30', quantity: 2 }],
        },
      },
    });
  });

  it("another rep's opportunity: its quotes are 4040 and a new quote on it is 4220 naming opportunityId", async () => {
    const { service } = setup();
    const q = await service.create(quoteOf('0.00'), rep);
    expect(await codeOf(service.get(q.quoteId, otherRep))).toMatchObject({ code: ErrorCode.NotFound });
    expect(await codeOf(service.document(q.quoteId, otherRep))).toMatchObject({ code: ErrorCode.NotFound });
    await expect(service.create(quoteOf('0.00'), otherRep)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: [{ field: 'opportunityId' }],
    });
    expect((await service.get(q.quoteId, manager)).quoteId).toBe(q.quoteId);
  });

  it('the document is HTML a customer reads: escaped values, Chinese text, configuration, totals, validity', async () => {
    const { service } = setup();
    const q = await service.create({ ...quoteOf('0.00'), terms: 'Payment <30 days> & "net"\n付款：收到发票后30天内' }, rep);
    const doc = await service.document(q.quoteId, rep);
    expect(doc.contentType).toBe('text/html');
    expect(doc.content).toContain('深圳某某科技有限公司');
    expect(doc.content).toContain('首页横幅广告 Home banner');
    expect(doc.content).toContain('<li>城市: 深圳</li>');
    expect(doc.content).toContain('Payment &lt;30 days&gt; &amp; &quot;net&quot;');
    expect(doc.content).not.toContain('<30 days>');
    expect(doc.content).toContain('2120.00 CNY'); // 2000.00 + 6 % VAT
    expect(doc.content).toContain('2099-12-31');
  });
});
