import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  formatMoney,
  money,
  QUOTE_ACCEPTED_V1,
  QUOTE_APPROVED_V1,
  QUOTE_CREATED_V1,
  QUOTE_REJECTED_V1,
  QUOTE_REVISED_V1,
  type CreateQuoteDto,
  type PriceQuoteDto,
  type ListQuotesDto,
  type QuoteDecisionDto,
  type QuoteDocument,
  type QuoteLineInputDto,
  type QuotePage,
  type QuoteView,
  type ReviseQuoteDto,
  type ScopeGrant,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import type { OpportunityEntity } from '../opportunity/opportunity.entity.js';
import { ProductPricing, type PricedLine } from '../product/product-pricing.js';
import { SALES_CONFIG, type SalesConfig } from '../sales.config.js';
import { needsApproval, totalQuote, type HeaderDiscount, type LineToTotal, type QuoteTotals } from './quote-arithmetic.js';
import { renderQuoteHtml } from './quote-document.js';
import type { QuoteLineEntity } from './quote-line.entity.js';
import type { QuoteEntity } from './quote.entity.js';
import { toAcceptedLine, toQuoteSummary, toQuoteView } from './quote.mapper.js';
import { QUOTE_LIST, QuoteRepository } from './quote.repository.js';

const VALID_DAYS = 30;
const invalid = (field: string, reason: string) => new CrmError(ErrorCode.ValidationFailed, reason, [{ field, reasons: [reason] }]);

/** What a new revision is made from: lines as asked, header discount, validity and terms. */
interface QuoteHeader {
  quoteNo: string;
  revision: number;
  previousQuoteId: string | null;
  authorId: string;
}

interface QuoteRequest {
  lines: QuoteLineInputDto[];
  header: HeaderDiscount;
  validUntil: string;
  terms: string | null;
}

/**
 * Quotes: priced through the catalogue (ProductPricing) with the opportunity's channel and the
 * account's segment, totalled in decimal (quote-arithmetic.ts), approved automatically unless the
 * discount is above `quoteApprovalDiscountPercent` of the list amount, in which case someone else
 * holding `quote.approve` decides. A quote is in scope when its opportunity is.
 */
@Injectable()
export class QuoteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(QuoteRepository) private readonly quotes: QuoteRepository,
    @Inject(ProductPricing) private readonly pricing: ProductPricing,
    @Inject(SALES_CONFIG) private readonly config: SalesConfig,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateQuoteDto, ctx: CallContext): Promise<QuoteView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const opportunity = await this.quotes.opportunity(dto.opportunityId, ctx.scope, m, true);
      if (!opportunity) throw invalid('opportunityId', 'no opportunity with this id within your data scope');
      const request = {
        lines: dto.lines,
        header: { percent: dto.headerDiscountPercent, amount: dto.headerDiscountAmount },
        validUntil: dto.validUntil ?? this.defaultValidUntil(),
        terms: dto.terms ?? null,
      };
      const quoteNo = `Q${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
      const { quote, lines } = await this.build(m, opportunity, request, {
        quoteNo,
        revision: 1,
        previousQuoteId: null,
        authorId: employeeId,
      });
      const view = toQuoteView(quote, lines);
      await this.changes.record(m, ctx, {
        entity: 'quote',
        entityId: quote.id,
        action: 'create',
        before: null,
        after: logged(view),
        event: { pattern: QUOTE_CREATED_V1, data: view },
      });
      return view;
    });
  }

  async revise(dto: ReviseQuoteDto, ctx: CallContext): Promise<QuoteView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const old = await this.locked(m, dto.quoteId, dto.version, ctx.scope);
      if (old.status === 'accepted' || old.status === 'superseded')
        throw new CrmError(ErrorCode.Conflict, `quote ${old.quoteNo} revision ${old.revision} is ${old.status}: it cannot be revised`);
      const opportunity = await this.quotes.opportunity(old.opportunityId, ctx.scope, m, true);
      if (!opportunity) throw new CrmError(ErrorCode.NotFound, `quote ${dto.quoteId} not found`);
      const oldLines = await this.quotes.lines(m, old.id);
      const headerGiven = dto.headerDiscountPercent !== undefined || dto.headerDiscountAmount !== undefined;
      const request: QuoteRequest = {
        lines: dto.lines ?? asRequested(oldLines),
        header: headerGiven
          ? { percent: dto.headerDiscountPercent, amount: dto.headerDiscountAmount }
          : old.headerDiscountPercent !== null
            ? { percent: old.headerDiscountPercent }
            : { amount: formatMoney(money(old.headerDiscountAmount)) },
        validUntil: dto.validUntil ?? old.validUntil,
        terms: dto.terms ?? old.terms,
      };
      const revision = await this.quotes.nextRevision(m, old.quoteNo);
      const superseded = await this.quotes.update(m, old.id, { status: 'superseded', version: old.version + 1 });
      const { quote, lines } = await this.build(m, opportunity, request, {
        quoteNo: old.quoteNo,
        revision,
        previousQuoteId: old.id,
        authorId: employeeId,
      });
      const view = toQuoteView(quote, lines);
      await this.changes.record(m, ctx, {
        entity: 'quote',
        entityId: old.id,
        action: 'supersede',
        before: { status: old.status },
        after: { status: superseded.status, supersededBy: quote.id },
      });
      await this.changes.record(m, ctx, {
        entity: 'quote',
        entityId: quote.id,
        action: 'revise',
        before: logged(toQuoteView(old, oldLines)),
        after: logged(view),
        event: { pattern: QUOTE_REVISED_V1, data: view },
      });
      return view;
    });
  }

  approve(dto: QuoteDecisionDto, ctx: CallContext): Promise<QuoteView> {
    return this.decide(dto, ctx, 'approved');
  }

  reject(dto: QuoteDecisionDto, ctx: CallContext): Promise<QuoteView> {
    return this.decide(dto, ctx, 'rejected');
  }

  async accept(dto: QuoteDecisionDto, ctx: CallContext): Promise<QuoteView> {
    actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.quoteId, dto.version, ctx.scope);
      if (before.status !== 'approved')
        throw new CrmError(
          ErrorCode.Conflict,
          `quote ${before.quoteNo} revision ${before.revision} is ${before.status}: only an approved quote is accepted`,
        );
      if (before.validUntil < this.today())
        throw new CrmError(ErrorCode.Conflict, `quote ${before.quoteNo} expired on ${before.validUntil}: revise it for new prices`);
      const opportunity = await this.quotes.opportunity(before.opportunityId, ctx.scope, m, true);
      if (!opportunity || opportunity.status === 'lost')
        throw new CrmError(ErrorCode.Conflict, `the opportunity of quote ${before.quoteNo} is lost`);
      const after = await this.quotes.update(m, before.id, {
        status: 'accepted',
        decisionReason: dto.reason ?? before.decisionReason,
        version: before.version + 1,
      });
      const supersededQuoteIds = await this.quotes.supersedeOthers(m, before.opportunityId, before.id);
      const lines = await this.quotes.lines(m, after.id);
      const view = toQuoteView(after, lines);
      await this.changes.record(m, ctx, {
        entity: 'quote',
        entityId: after.id,
        action: 'accept',
        before: { status: before.status },
        after: { status: after.status, supersededQuoteIds },
        event: { pattern: QUOTE_ACCEPTED_V1, data: { ...toQuoteSummary(after), lines: lines.map(toAcceptedLine), supersededQuoteIds } },
      });
      return view;
    });
  }

  async get(quoteId: string, ctx: CallContext): Promise<QuoteView> {
    return this.dataSource.transaction(async (m) => {
      const q = await this.quotes.find(quoteId, ctx.scope, m);
      if (!q) throw new CrmError(ErrorCode.NotFound, `quote ${quoteId} not found`);
      return toQuoteView(q, await this.quotes.lines(m, q.id));
    });
  }

  async list(q: ListQuotesDto, ctx: CallContext): Promise<QuotePage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(QUOTE_LIST, q.cursor);
    return toPage(QUOTE_LIST, this.cursors, await this.quotes.list(q, limit, position, ctx.scope), limit, toQuoteSummary);
  }

  async document(quoteId: string, ctx: CallContext): Promise<QuoteDocument> {
    return this.dataSource.transaction(async (m) => {
      const q = await this.quotes.find(quoteId, ctx.scope, m);
      if (!q) throw new CrmError(ErrorCode.NotFound, `quote ${quoteId} not found`);
      const opportunity = await this.quotes.opportunity(q.opportunityId, ctx.scope, m);
      const account = await this.quotes.account(m, q.accountId);
      const content = renderQuoteHtml(toQuoteView(q, await this.quotes.lines(m, q.id)), {
        accountName: account?.name ?? null,
        accountNo: account?.accountNo ?? null,
        opportunityName: opportunity?.name ?? '',
      });
      return { contentType: 'text/html', content, fileName: `${q.quoteNo}-r${q.revision}.html` };
    });
  }

  /** Approve or reject a pending quote: someone holding `quote.approve` (the guard checked) who did not write it. */
  private async decide(dto: QuoteDecisionDto, ctx: CallContext, status: 'approved' | 'rejected'): Promise<QuoteView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.quoteId, dto.version, ctx.scope);
      if (before.status !== 'pending_approval')
        throw new CrmError(
          ErrorCode.Conflict,
          `quote ${before.quoteNo} revision ${before.revision} is ${before.status}, not pending_approval`,
        );
      if (before.authorId === employeeId)
        throw new CrmError(
          ErrorCode.Forbidden,
          `you wrote quote ${before.quoteNo} revision ${before.revision}: another employee holding quote.approve must decide on its discount`,
        );
      const after = await this.quotes.update(m, before.id, {
        status,
        decidedBy: employeeId,
        decidedAt: new Date(),
        decisionReason: dto.reason ?? null,
        version: before.version + 1,
      });
      const view = toQuoteView(after, await this.quotes.lines(m, after.id));
      await this.changes.record(m, ctx, {
        entity: 'quote',
        entityId: after.id,
        action: status === 'approved' ? 'approve' : 'reject',
        before: { status: before.status, decidedBy: null, decisionReason: null },
        after: { status: after.status, decidedBy: after.decidedBy, decisionReason: after.decisionReason },
        event: status === 'approved' ? { pattern: QUOTE_APPROVED_V1, data: view } : { pattern: QUOTE_REJECTED_V1, data: view },
      });
      return view;
    });
  }

  private async locked(m: EntityManager, id: string, version: number, scope: ScopeGrant | null): Promise<QuoteEntity> {
    const q = await this.quotes.find(id, scope, m, true);
    if (!q) throw new CrmError(ErrorCode.NotFound, `quote ${id} not found`);
    if (q.version !== version)
      throw new CrmError(ErrorCode.Conflict, `stale version: quote ${id} is at version ${q.version}, not ${version}`);
    return q;
  }

  /**
   * Prices and totals lines as `create` would, without storing anything: what a front end shows
   * while the rep edits a quote (the same catalogue, discounts, tax and approval rule).
   */
  async price(dto: PriceQuoteDto, ctx: CallContext): Promise<QuoteView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const opportunity = await this.quotes.opportunity(dto.opportunityId, ctx.scope, m, false);
      if (!opportunity) throw invalid('opportunityId', 'no opportunity with this id within your data scope');
      const request = {
        lines: dto.lines,
        header: { percent: dto.headerDiscountPercent, amount: dto.headerDiscountAmount },
        validUntil: this.defaultValidUntil(),
        terms: null,
      };
      const { quote, lines } = await this.compute(m, opportunity, request, {
        quoteNo: 'PREVIEW',
        revision: 0,
        previousQuoteId: null,
        authorId: employeeId,
      });
      const now = new Date();
      return { ...toQuoteView({ ...quote, version: 0, createdAt: now, updatedAt: now }, lines), quoteId: '' };
    });
  }

  /** Prices, totals and stores one revision; `pending_approval` when its discount is above the threshold. */
  private async build(
    m: EntityManager,
    opportunity: OpportunityEntity,
    request: QuoteRequest,
    header: QuoteHeader,
  ): Promise<{ quote: QuoteEntity; lines: QuoteLineEntity[] }> {
    const { quote, lines } = await this.compute(m, opportunity, request, header);
    return { quote: await this.quotes.insert(m, quote, lines), lines };
  }

  /** One revision priced and totalled, not stored. */
  private async compute(
    m: EntityManager,
    opportunity: OpportunityEntity,
    request: QuoteRequest,
    header: QuoteHeader,
  ): Promise<{ quote: Omit<QuoteEntity, 'version' | 'createdAt' | 'updatedAt'>; lines: QuoteLineEntity[] }> {
    if (opportunity.status !== 'open')
      throw new CrmError(
        ErrorCode.Conflict,
        `opportunity ${opportunity.id} is ${opportunity.status}: quotes are made for open opportunities`,
      );
    if (request.validUntil < this.today()) throw invalid('validUntil', 'validUntil is in the past');
    const account = await this.quotes.account(m, opportunity.accountId);
    const pricedAt = new Date();
    const priced = await this.pricing.price(m, {
      channel: opportunity.channel,
      segment: account?.segment ?? null,
      at: pricedAt,
      currency: opportunity.currency,
      lines: request.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, configuration: l.configuration })),
    });
    const totals = totalQuote(withDiscounts(priced, request.lines), request.header);
    const id = randomUUID();
    const lines = totals.lines.map((l, i) => toLineEntity(id, i + 1, l));
    const quote = {
      id,
      opportunityId: opportunity.id,
      accountId: opportunity.accountId,
      quoteNo: header.quoteNo,
      revision: header.revision,
      status: needsApproval(totals, this.config.quoteApprovalDiscountPercent) ? 'pending_approval' : 'approved',
      currency: opportunity.currency,
      channel: opportunity.channel,
      segment: account?.segment ?? null,
      ...headerFigures(totals),
      validUntil: request.validUntil,
      terms: request.terms,
      authorId: header.authorId,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      previousQuoteId: header.previousQuoteId,
      pricedAt,
    } satisfies Omit<QuoteEntity, 'version' | 'createdAt' | 'updatedAt'>;
    return { quote, lines };
  }

  private today(): string {
    return new Date().toISOString().slice(0, 10);
  }

  private defaultValidUntil(): string {
    return new Date(new Date().getTime() + VALID_DAYS * 86_400_000).toISOString().slice(0, 10);
  }
}

/**
 * The discounts asked per requested line, on the priced lines. The catalogue answers one line per
 * requested line in order, plus a line per component of a bundle (`bundleOf` = the bundle's
 * product): a component takes its bundle line's discount percentage; an amount discount stays on
 * the line it was given for.
 */
export function withDiscounts(priced: readonly PricedLine[], requested: readonly QuoteLineInputDto[]): LineToTotal[] {
  let next = 0;
  let bundle: { productId: string; percent?: string; index: number } | null = null;
  return priced.map((p) => {
    if (p.bundleOf !== null && bundle && bundle.productId === p.bundleOf)
      return { priced: p, discountPercent: bundle.percent, field: `lines.${bundle.index}` };
    const index = next++;
    const asked = requested[index];
    if (!asked) throw new Error(`the catalogue answered more lines than were asked (${priced.length} for ${requested.length})`);
    bundle = { productId: p.productId, percent: asked.discountPercent, index };
    return { priced: p, discountPercent: asked.discountPercent, discountAmount: asked.discountAmount, field: `lines.${index}` };
  });
}

/** A stored revision's lines as they were asked (components of bundles come again from the catalogue). */
function asRequested(lines: QuoteLineEntity[]): QuoteLineInputDto[] {
  return lines
    .filter((l) => l.bundleOf === null || !lines.some((b) => b.productId === l.bundleOf && b.lineNo < l.lineNo))
    .map((l) => ({
      productId: l.productId,
      quantity: l.quantity,
      configuration: l.configuration,
      ...(l.discountPercent !== null
        ? { discountPercent: money(l.discountPercent).toString() }
        : money(l.lineDiscount).isZero()
          ? {}
          : { discountAmount: formatMoney(money(l.lineDiscount)) }),
    }));
}

function headerFigures(t: QuoteTotals) {
  return {
    subtotal: formatMoney(t.subtotal),
    headerDiscountPercent: t.headerDiscountPercent === null ? null : t.headerDiscountPercent.toFixed(2),
    headerDiscountAmount: formatMoney(t.headerDiscountAmount),
    discountTotal: formatMoney(t.discountTotal),
    netTotal: formatMoney(t.netTotal),
    taxTotal: formatMoney(t.taxTotal),
    total: formatMoney(t.total),
  };
}

function toLineEntity(quoteId: string, lineNo: number, l: QuoteTotals['lines'][number]): QuoteLineEntity {
  return {
    id: randomUUID(),
    quoteId,
    lineNo,
    productId: l.priced.productId,
    sku: l.priced.sku,
    name: l.priced.name,
    quantity: l.priced.quantity,
    configuration: l.priced.configuration,
    unitPrice: l.priced.unitPrice.toFixed(6),
    listAmount: formatMoney(l.listAmount),
    discountPercent: l.discountPercent === null ? null : l.discountPercent.toFixed(2),
    lineDiscount: formatMoney(l.lineDiscount),
    headerDiscount: formatMoney(l.headerDiscount),
    netAmount: formatMoney(l.netAmount),
    taxRate: l.priced.taxRate.toFixed(4),
    taxAmount: formatMoney(l.taxAmount),
    breakdown: l.priced.breakdown,
    priceBookId: l.priced.priceBookId,
    bundleOf: l.priced.bundleOf,
  };
}

function logged(v: QuoteView): Record<string, unknown> {
  return {
    quoteNo: v.quoteNo,
    revision: v.revision,
    status: v.status,
    subtotal: v.subtotal,
    discountTotal: v.discountTotal,
    taxTotal: v.taxTotal,
    total: v.total,
    validUntil: v.validUntil,
    lines: v.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, netAmount: l.netAmount })),
  };
}
