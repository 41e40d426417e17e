import { CrmError, Decimal, ErrorCode, formatMoney, money, sumMoney } from '@crm/contracts';
import type { PricedLine } from '../product/product-pricing.js';

/** A priced line with the discount asked for it (a percentage or an amount, never both). */
export interface LineToTotal {
  priced: PricedLine;
  discountPercent?: string;
  discountAmount?: string;
  /** Where a refusal points, e.g. `lines.2.discountAmount`. */
  field: string;
}

export interface HeaderDiscount {
  percent?: string;
  amount?: string;
}

export interface TotalledLine {
  priced: PricedLine;
  discountPercent: Decimal | null;
  listAmount: Decimal;
  lineDiscount: Decimal;
  headerDiscount: Decimal;
  netAmount: Decimal;
  taxAmount: Decimal;
}

export interface QuoteTotals {
  lines: TotalledLine[];
  headerDiscountPercent: Decimal | null;
  headerDiscountAmount: Decimal;
  /** Σ list amounts. */
  subtotal: Decimal;
  /** Σ line discounts + header discount. */
  discountTotal: Decimal;
  /** subtotal − discountTotal = Σ line net amounts. */
  netTotal: Decimal;
  taxTotal: Decimal;
  total: Decimal;
  /** discountTotal / subtotal × 100, exact (0 for an empty subtotal): what the approval threshold compares. */
  discountPercentOfList: Decimal;
}

const HUNDRED = new Decimal(100);
const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const invalid = (field: string, reason: string) => new CrmError(ErrorCode.ValidationFailed, reason, [{ field, reasons: [reason] }]);

/**
 * A quote's arithmetic, in decimal, rounding half-up to the cent at these steps only, in this order
 * (docs/sales/opportunities-and-quotes.md works an example through):
 *
 * 1. list amount of a line = unit price × quantity (exact from the catalogue), rounded to the cent;
 * 2. line discount = list × percent / 100 rounded to the cent, or the amount given (≤ list);
 * 3. after-line amount = list − line discount (exact: both are cents);
 * 4. header discount = Σ after-line × percent / 100 rounded to the cent, or the amount given (≤ Σ);
 * 5. each line's share of it = header × after-line / Σ after-line rounded to the cent, the last line
 *    taking the remainder so the shares add up to the header discount exactly (if the remainder
 *    would leave the last line below 0 or above its after-line amount, the largest line takes it);
 * 6. net amount = after-line − share (exact);
 * 7. tax of a line = net × tax rate, rounded to the cent;
 * 8. totals are sums of the rounded line figures, so the lines always add up to the header.
 */
export function totalQuote(inputs: readonly LineToTotal[], header: HeaderDiscount): QuoteTotals {
  if (header.percent !== undefined && header.amount !== undefined)
    throw invalid('headerDiscountAmount', 'give headerDiscountPercent or headerDiscountAmount, not both');
  const partial = inputs.map((input) => {
    if (input.discountPercent !== undefined && input.discountAmount !== undefined)
      throw invalid(`${input.field}.discountAmount`, 'give discountPercent or discountAmount, not both');
    const listAmount = cents(input.priced.listAmount);
    const discountPercent = input.discountPercent === undefined ? null : new Decimal(input.discountPercent);
    const lineDiscount =
      discountPercent !== null ? cents(listAmount.times(discountPercent).div(HUNDRED)) : money(input.discountAmount ?? '0.00');
    if (lineDiscount.isNegative()) throw invalid(`${input.field}.discountAmount`, 'a discount is not negative');
    if (lineDiscount.gt(listAmount))
      throw invalid(
        `${input.field}.discountAmount`,
        `the discount ${formatMoney(lineDiscount)} exceeds the line's list amount ${formatMoney(listAmount)}`,
      );
    return { priced: input.priced, discountPercent, listAmount, lineDiscount, afterLine: listAmount.minus(lineDiscount) };
  });
  const base = sumMoney(partial.map((l) => l.afterLine));
  const headerDiscountPercent = header.percent === undefined ? null : new Decimal(header.percent);
  const headerDiscountAmount =
    headerDiscountPercent !== null ? cents(base.times(headerDiscountPercent).div(HUNDRED)) : money(header.amount ?? '0.00');
  if (headerDiscountAmount.isNegative()) throw invalid('headerDiscountAmount', 'a discount is not negative');
  if (headerDiscountAmount.gt(base))
    throw invalid(
      'headerDiscountAmount',
      `the header discount ${formatMoney(headerDiscountAmount)} exceeds the discounted lines' ${formatMoney(base)}`,
    );
  const shares = allocate(
    headerDiscountAmount,
    partial.map((l) => l.afterLine),
  );
  const lines: TotalledLine[] = partial.map((l, i) => {
    const netAmount = l.afterLine.minus(shares[i]!);
    return {
      priced: l.priced,
      discountPercent: l.discountPercent,
      listAmount: l.listAmount,
      lineDiscount: l.lineDiscount,
      headerDiscount: shares[i]!,
      netAmount,
      taxAmount: cents(netAmount.times(l.priced.taxRate)),
    };
  });
  const subtotal = sumMoney(lines.map((l) => l.listAmount));
  const discountTotal = sumMoney(lines.map((l) => l.lineDiscount)).plus(headerDiscountAmount);
  const netTotal = sumMoney(lines.map((l) => l.netAmount));
  const taxTotal = sumMoney(lines.map((l) => l.taxAmount));
  return {
    lines,
    headerDiscountPercent,
    headerDiscountAmount,
    subtotal,
    discountTotal,
    netTotal,
    taxTotal,
    total: netTotal.plus(taxTotal),
    discountPercentOfList: subtotal.isZero() ? new Decimal(0) : discountTotal.div(subtotal).times(HUNDRED),
  };
}

/**
 * Splits `amount` (cents) over `weights` (cents) in proportion, each share rounded to the cent and
 * the last line taking the remainder, so the shares add up to `amount` exactly.
 */
export function allocate(amount: Decimal, weights: readonly Decimal[]): Decimal[] {
  const base = sumMoney(weights);
  if (weights.length === 0) return [];
  if (amount.isZero() || base.isZero()) return weights.map(() => new Decimal(0));
  const shares = weights.map((w) => cents(amount.times(w).div(base)));
  const taker = (i: number) => amount.minus(sumMoney(shares.filter((_, j) => j !== i)));
  const last = weights.length - 1;
  const remainder = taker(last);
  if (!remainder.isNegative() && remainder.lte(weights[last]!)) {
    shares[last] = remainder;
    return shares;
  }
  // The last line is too small to absorb the rounding: the largest line does.
  const largest = weights.reduce((best, w, i) => (w.gt(weights[best]!) ? i : best), 0);
  shares[largest] = taker(largest);
  return shares;
}

/** Whether the discount needs approval: strictly above the threshold (exactly at it does not). */
export function needsApproval(totals: QuoteTotals, thresholdPercent: number): boolean {
  return totals.discountPercentOfList.gt(thresholdPercent);
}
