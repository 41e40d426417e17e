import { Decimal, type QuoteView } from '@crm/contracts';

/** What the document shows besides the quote itself. */
export interface QuoteDocumentContext {
  accountName: string | null;
  accountNo: string | null;
  opportunityName: string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values: the five significant characters escaped. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const STATUS_NOTE: Record<QuoteView['status'], string | null> = {
  draft: 'Draft — not an offer until approved',
  pending_approval: 'Awaiting internal approval — not yet an offer',
  approved: null,
  rejected: 'Rejected — not an offer',
  accepted: 'Accepted',
  superseded: 'Superseded by a later revision — not an offer',
};

function configurationText(configuration: Record<string, string | number | boolean>): string {
  const entries = Object.entries(configuration);
  if (entries.length === 0) return '';
  return `<ul class="cfg">${entries.map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(v)}</li>`).join('')}</ul>`;
}

/**
 * The quote as a customer reads it: a self-contained UTF-8 HTML page (no scripts, no external
 * resources), every value from the database escaped, so a product name or term with `<`, `&` or
 * quotes shows as written and Chinese text shows as is.
 */
export function renderQuoteHtml(q: QuoteView, ctx: QuoteDocumentContext): string {
  const note = STATUS_NOTE[q.status];
  const c = escapeHtml(q.currency);
  const rows = q.lines
    .map(
      (l) => `<tr>
<td>${l.lineNo}</td>
<td><strong>${escapeHtml(l.name)}</strong><br><span class="sku">${escapeHtml(l.sku)}</span>${configurationText(l.configuration)}</td>
<td class="n">${l.quantity}</td>
<td class="n">${escapeHtml(l.unitPrice)}</td>
<td class="n">${escapeHtml(l.listAmount)}</td>
<td class="n">${escapeHtml(l.lineDiscount)}${l.discountPercent ? ` (${escapeHtml(l.discountPercent)}%)` : ''}</td>
<td class="n">${escapeHtml(l.headerDiscount)}</td>
<td class="n">${escapeHtml(l.netAmount)}</td>
<td class="n">${escapeHtml(l.taxAmount)} (${escapeHtml(percentOf(l.taxRate))}%)</td>
<td class="n">${escapeHtml(l.totalAmount)}</td>
</tr>`,
    )
    .join('\n');
  const headerDiscount = q.headerDiscountPercent
    ? `${escapeHtml(q.headerDiscountAmount)} (${escapeHtml(q.headerDiscountPercent)}%)`
    : escapeHtml(q.headerDiscountAmount);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>报价单 Quotation ${escapeHtml(q.quoteNo)} rev. ${q.revision}</title>
<style>
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",Arial,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top}
th{background:#f2f2f2}.n{text-align:right;white-space:nowrap}.sku{color:#666;font-size:90%}
.cfg{margin:2px 0 0 1em;padding:0;font-size:90%}.note{border:2px solid #c00;color:#c00;padding:6px;font-weight:bold}
.totals td{border:none}.terms{white-space:pre-wrap}
</style>
</head>
<body>
<h1>报价单 Quotation</h1>
${note ? `<p class="note">${escapeHtml(note)}</p>` : ''}
<table class="totals">
<tr><td>Quote no. 报价单号</td><td>${escapeHtml(q.quoteNo)} (revision ${q.revision})</td></tr>
<tr><td>Customer 客户</td><td>${escapeHtml(ctx.accountName ?? q.accountId)}${ctx.accountNo ? ` (${escapeHtml(ctx.accountNo)})` : ''}</td></tr>
<tr><td>Opportunity 商机</td><td>${escapeHtml(ctx.opportunityName)}</td></tr>
<tr><td>Date 日期</td><td>${escapeHtml(q.createdAt.slice(0, 10))}</td></tr>
<tr><td>Valid until 有效期至</td><td>${escapeHtml(q.validUntil)}</td></tr>
<tr><td>Currency 币种</td><td>${c}</td></tr>
</table>
<h2>Lines 明细</h2>
<table>
<thead><tr><th>#</th><th>Product 产品 / configuration 配置</th><th>Qty 数量</th><th>Unit price 单价</th><th>List 标价</th><th>Line discount 折扣</th><th>Share of quote discount 整单折扣分摊</th><th>Net 净额</th><th>Tax 税额</th><th>Total 合计</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Totals 合计</h2>
<table class="totals">
<tr><td>Subtotal (list) 标价小计</td><td class="n">${escapeHtml(q.subtotal)} ${c}</td></tr>
<tr><td>Quote discount 整单折扣</td><td class="n">${headerDiscount} ${c}</td></tr>
<tr><td>Total discount 折扣合计</td><td class="n">${escapeHtml(q.discountTotal)} ${c}</td></tr>
<tr><td>Net 净额</td><td class="n">${escapeHtml(q.netTotal)} ${c}</td></tr>
<tr><td>Tax 税额</td><td class="n">${escapeHtml(q.taxTotal)} ${c}</td></tr>
<tr><td><strong>Total 总计</strong></td><td class="n"><strong>${escapeHtml(q.total)} ${c}</strong></td></tr>
</table>
${q.terms ? `<h2>Terms 条款</h2>\n<p class="terms">${escapeHtml(q.terms)}</p>` : ''}
<p>Prices are valid until ${escapeHtml(q.validUntil)}. 本报价有效期至 ${escapeHtml(q.validUntil)}。</p>
</body>
</html>
`;
}

/** A tax rate (`0.06`) as a percentage (`6`). */
function percentOf(rate: string): string {
  return new Decimal(rate).times(100).toString();
}
