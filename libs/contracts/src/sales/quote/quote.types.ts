import { IsInt, IsObject, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsMoney } from '../../money.js';

/**
 * Quotes (SPEC §6.2): revisions of configured, priced lines for an opportunity. Totals, discounts
 * and tax are computed by the server in decimal arithmetic (docs/sales/opportunities-and-quotes.md
 * gives the order of the steps and where it rounds). Reads need `quote.read`, writes `quote.write`,
 * approving or rejecting `quote.approve` (never on one's own quote). A quote is visible to whoever
 * sees its opportunity.
 */
export const QUOTE_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'accepted', 'superseded'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** A percentage with at most 2 decimals, 0–100, as a string (`"12.5"`): never a float. */
export const PERCENT_RE = /^(100(\.0{1,2})?|[0-9]{1,2}(\.[0-9]{1,2})?)$/;

export type ConfigurationValue = string | number | boolean;

/** One line to quote: a product, a quantity, the chosen configuration, and at most one line discount. */
export class QuoteLineInputDto {
  @IsUUID()
  productId: string;

  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  quantity: number;

  /** Option key → value, attribute key → number; checked and priced by the catalogue. */
  @IsObject()
  configuration: Record<string, ConfigurationValue>;

  @IsOptional()
  @Matches(PERCENT_RE, { message: 'discountPercent must be a percentage 0–100 with at most 2 decimals, e.g. "12.5"' })
  discountPercent?: string;

  @IsOptional()
  @IsMoney()
  discountAmount?: string;
}

export interface QuoteLineView {
  lineNo: number;
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  configuration: Record<string, ConfigurationValue>;
  /** Exact unit price (up to 6 places) with option adders and tier. */
  unitPrice: string;
  /** unitPrice × quantity, to the cent. */
  listAmount: string;
  discountPercent: string | null;
  /** The line's own discount. */
  lineDiscount: string;
  /** The line's share of the header discount. */
  headerDiscount: string;
  /** After both discounts, before tax. */
  netAmount: string;
  taxRate: string;
  taxAmount: string;
  /** net + tax. */
  totalAmount: string;
  breakdown: string[];
  bundleOf: string | null;
}

export interface QuoteView {
  quoteId: string;
  opportunityId: string;
  accountId: string;
  quoteNo: string;
  revision: number;
  status: QuoteStatus;
  currency: string;
  /** Σ list amounts (before discounts). */
  subtotal: string;
  /** Σ line discounts + header discount. */
  discountTotal: string;
  /** discountTotal / subtotal × 100, 2 places: what the approval threshold compares. */
  discountPercentOfList: string;
  headerDiscountPercent: string | null;
  headerDiscountAmount: string;
  /** subtotal − discountTotal (= Σ line net amounts). */
  netTotal: string;
  taxTotal: string;
  total: string;
  validUntil: string;
  terms: string | null;
  authorId: string;
  /** Who approved or rejected it, when and why. */
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** The revision this one replaced. */
  previousQuoteId: string | null;
  lines: QuoteLineView[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Lists carry the header without lines. */
export type QuoteSummary = Omit<QuoteView, 'lines'>;

export interface QuotePage {
  items: QuoteSummary[];
  nextCursor: string | null;
}

/** Header discount fields shared by create and revise: a percentage or an amount, not both. */
export class QuoteHeaderDiscountDto {
  @IsOptional()
  @Matches(PERCENT_RE, { message: 'headerDiscountPercent must be a percentage 0–100 with at most 2 decimals' })
  headerDiscountPercent?: string;

  @IsOptional()
  @IsMoney()
  headerDiscountAmount?: string;
}
