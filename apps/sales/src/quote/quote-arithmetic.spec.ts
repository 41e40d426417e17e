import { describe, expect, it } from '@jest/globals';
import { CrmError, Decimal, ErrorCode, formatMoney } from '@crm/contracts';
import type { PricedLine } from '../product/product-pricing.js';
import { allocate, needsApproval, totalQuote, type LineToTotal } from './quote-arithmetic.js';

function priced(productId: string, unitPrice: string, quantity: number, taxRate: string): PricedLine {
  const unit = new Decimal(unitPrice);
  return {
    productId,
    sku: productId.toUpperCase(),
    name: productId,
    quantity,
    configuration: {},
    unitPrice: unit,
    listAmount: unit.times(quantity),
    taxRate: new Decimal(taxRate),
    breakdown: [],
    priceBookId: null,
    bundleOf: null,
  };
}

const line = (p: PricedLine, discount: Partial<LineToTotal> = {}, i = 0): LineToTotal => ({ priced: p, field: `lines.${i}`, ...discount });
const text = (ds: Decimal[]) => ds.map(formatMoney);

describe('totalQuote: the worked example of docs/sales/opportunities-and-quotes.md', () => {
  // Line 1: 1200.00 × 3 = 3600.00, 10 % off → 360.00, after 3240.00, VAT 6 %
  // Line 2: 333.333333 × 2 = 666.666666 → 666.67, 16.67 off → after 650.00, VAT 13 %
  // Line 3: 99.99 × 1 = 99.99, no discount → after 99.99, VAT 6 %
  // Σ after = 3989.99; header 5 % → 199.4995 → 199.50
  // shares: 199.50 × 3240 / 3989.99 = 162.0004… → 162.00; 199.50 × 650 / 3989.99 = 32.5000… → 32.50;
  //         last = 199.50 − 162.00 − 32.50 = 5.00
  // net: 3078.00, 617.50, 94.99 (Σ 3790.49)
  // tax: 3078.00 × 0.06 = 184.68; 617.50 × 0.13 = 80.275 → 80.28 (half up); 94.99 × 0.06 = 5.6994 → 5.70 (Σ 270.66)
  // subtotal 3600.00 + 666.67 + 99.99 = 4366.66; discounts 360.00 + 16.67 + 199.50 = 576.17
  // net 4366.66 − 576.17 = 3790.49; total 3790.49 + 270.66 = 4061.15; 576.17 / 4366.66 = 13.19… %
  const totals = totalQuote(
    [
      line(priced('a', '1200.00', 3, '0.06'), { discountPercent: '10' }, 0),
      line(priced('b', '333.333333', 2, '0.13'), { discountAmount: '16.67' }, 1),
      line(priced('c', '99.99', 1, '0.06'), {}, 2),
    ],
    { percent: '5' },
  );

  it('rounds each line to the cent, then discounts, then allocates the header discount, then taxes', () => {
    expect(text(totals.lines.map((l) => l.listAmount))).toEqual(['3600.00', '666.67', '99.99']);
    expect(text(totals.lines.map((l) => l.lineDiscount))).toEqual(['360.00', '16.67', '0.00']);
    expect(formatMoney(totals.headerDiscountAmount)).toBe('199.50');
    expect(text(totals.lines.map((l) => l.headerDiscount))).toEqual(['162.00', '32.50', '5.00']);
    expect(text(totals.lines.map((l) => l.netAmount))).toEqual(['3078.00', '617.50', '94.99']);
    expect(text(totals.lines.map((l) => l.taxAmount))).toEqual(['184.68', '80.28', '5.70']);
  });

  it('totals are the sums of the rounded lines, so the lines add up to the header to the cent', () => {
    expect(formatMoney(totals.subtotal)).toBe('4366.66');
    expect(formatMoney(totals.discountTotal)).toBe('576.17');
    expect(formatMoney(totals.netTotal)).toBe('3790.49');
    expect(formatMoney(totals.taxTotal)).toBe('270.66');
    expect(formatMoney(totals.total)).toBe('4061.15');
    expect(totals.subtotal.minus(totals.discountTotal).eq(totals.netTotal)).toBe(true);
    const shares = totals.lines.reduce((s, l) => s.plus(l.headerDiscount), new Decimal(0));
    expect(shares.eq(totals.headerDiscountAmount)).toBe(true);
    expect(totals.discountPercentOfList.toFixed(2)).toBe('13.19');
    expect(needsApproval(totals, 15)).toBe(false);
    expect(needsApproval(totals, 13)).toBe(true);
  });
});

describe('allocate: proportional shares, the last line taking the remainder', () => {
  it('100.00 over three lines of 100.00: 33.33 + 33.33 + 33.34', () => {
    expect(text(allocate(new Decimal('100.00'), [new Decimal(100), new Decimal(100), new Decimal(100)]))).toEqual([
      '33.33',
      '33.33',
      '33.34',
    ]);
  });

  it('10.00 over 1.00, 2.00, 3.00: 1.67, 3.33, then 10.00 − 5.00 = 5.00', () => {
    // 10 × 1/6 = 1.666… → 1.67; 10 × 2/6 = 3.333… → 3.33; remainder 5.00 (exact share 5.00)
    expect(text(allocate(new Decimal('10.00'), [new Decimal(1), new Decimal(2), new Decimal(3)]))).toEqual(['1.67', '3.33', '5.00']);
  });

  it('a last line too small to absorb the rounding leaves it to the largest line', () => {
    // 0.13 over 0.07, 0.07, 0.00 (Σ 0.14): 0.13 × 7/14 = 0.065 → 0.07 twice (half up), and the last line
    // would take 0.13 − 0.14 = −0.01. The largest line (the first) takes the remainder instead:
    // 0.13 − 0.07 − 0.00 = 0.06; the shares still add up to 0.13 and none exceeds its line.
    expect(text(allocate(new Decimal('0.13'), [new Decimal('0.07'), new Decimal('0.07'), new Decimal('0.00')]))).toEqual([
      '0.06',
      '0.07',
      '0.00',
    ]);
  });
});

describe('the approval threshold and refusals', () => {
  it('a discount of exactly the threshold is not pending; one cent more is', () => {
    // 1000.00 list, 150.00 off = 15.00 % exactly; 150.01 off = 15.001 %
    const at = totalQuote([line(priced('a', '1000.00', 1, '0.06'), { discountAmount: '150.00' })], {});
    const above = totalQuote([line(priced('a', '1000.00', 1, '0.06'), { discountAmount: '150.01' })], {});
    expect(needsApproval(at, 15)).toBe(false);
    expect(needsApproval(above, 15)).toBe(true);
    // Line and header discounts count together: 10 % on the line, then 5.00 % of 900.00 = 45.00 → 145.00 = 14.5 %
    const both = totalQuote([line(priced('a', '1000.00', 1, '0.06'), { discountPercent: '10' })], { percent: '5' });
    expect(formatMoney(both.discountTotal)).toBe('145.00');
    expect(needsApproval(both, 15)).toBe(false);
  });

  it('a discount above the line, both kinds at once, or a header discount above the lines is 4220 naming the field', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return e instanceof CrmError ? { code: e.code, field: e.details?.[0]?.field } : e;
      }
      return 'accepted';
    };
    const p = priced('a', '10.00', 2, '0.06');
    expect(refused(() => totalQuote([line(p, { discountAmount: '20.01' }, 0)], {}))).toEqual({
      code: ErrorCode.ValidationFailed,
      field: 'lines.0.discountAmount',
    });
    expect(refused(() => totalQuote([line(p, { discountAmount: '1.00', discountPercent: '5' }, 0)], {}))).toEqual({
      code: ErrorCode.ValidationFailed,
      field: 'lines.0.discountAmount',
    });
    expect(refused(() => totalQuote([line(p)], { amount: '20.01' }))).toEqual({
      code: ErrorCode.ValidationFailed,
      field: 'headerDiscountAmount',
    });
    expect(refused(() => totalQuote([line(p)], { amount: '1.00', percent: '1' }))).toEqual({
      code: ErrorCode.ValidationFailed,
      field: 'headerDiscountAmount',
    });
  });
});
