import { Decimal, formatMoney, money, type QuoteAcceptedLine, type QuoteLineView, type QuoteSummary, type QuoteView } from '@crm/contracts';
import type { QuoteLineEntity } from './quote-line.entity.js';
import type { QuoteEntity } from './quote.entity.js';

/** A percentage as stored (DECIMAL(5,2)) without trailing zeros: `"12.50"` → `"12.5"`. */
function percent(v: string | null): string | null {
  return v === null ? null : new Decimal(v).toString();
}

export function toQuoteSummary(q: QuoteEntity): QuoteSummary {
  const subtotal = money(q.subtotal);
  const discountTotal = money(q.discountTotal);
  return {
    quoteId: q.id,
    opportunityId: q.opportunityId,
    accountId: q.accountId,
    quoteNo: q.quoteNo,
    revision: q.revision,
    status: q.status,
    currency: q.currency,
    subtotal: formatMoney(subtotal),
    discountTotal: formatMoney(discountTotal),
    discountPercentOfList: formatMoney(subtotal.isZero() ? new Decimal(0) : discountTotal.div(subtotal).times(100)),
    headerDiscountPercent: percent(q.headerDiscountPercent),
    headerDiscountAmount: formatMoney(money(q.headerDiscountAmount)),
    netTotal: formatMoney(money(q.netTotal)),
    taxTotal: formatMoney(money(q.taxTotal)),
    total: formatMoney(money(q.total)),
    validUntil: q.validUntil,
    terms: q.terms,
    authorId: q.authorId,
    decidedBy: q.decidedBy,
    decidedAt: q.decidedAt ? q.decidedAt.toISOString() : null,
    decisionReason: q.decisionReason,
    previousQuoteId: q.previousQuoteId,
    version: q.version,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

/** An exact unit price with the places it needs, at least 2: `"1200.00"`, `"333.333333"`. */
export function unitPriceText(v: string): string {
  const d = new Decimal(v);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

export function toQuoteLineView(l: QuoteLineEntity): QuoteLineView {
  const net = money(l.netAmount);
  const tax = money(l.taxAmount);
  return {
    lineNo: l.lineNo,
    productId: l.productId,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    configuration: { ...l.configuration },
    unitPrice: unitPriceText(l.unitPrice),
    listAmount: formatMoney(money(l.listAmount)),
    discountPercent: percent(l.discountPercent),
    lineDiscount: formatMoney(money(l.lineDiscount)),
    headerDiscount: formatMoney(money(l.headerDiscount)),
    netAmount: formatMoney(net),
    taxRate: new Decimal(l.taxRate).toString(),
    taxAmount: formatMoney(tax),
    totalAmount: formatMoney(net.plus(tax)),
    breakdown: [...l.breakdown],
    bundleOf: l.bundleOf,
  };
}

export function toQuoteView(q: QuoteEntity, lines: QuoteLineEntity[]): QuoteView {
  return { ...toQuoteSummary(q), lines: lines.map(toQuoteLineView) };
}

export function toAcceptedLine(l: QuoteLineEntity): QuoteAcceptedLine {
  return {
    lineNo: l.lineNo,
    productId: l.productId,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    configuration: { ...l.configuration },
    netAmount: formatMoney(money(l.netAmount)),
    taxAmount: formatMoney(money(l.taxAmount)),
  };
}
