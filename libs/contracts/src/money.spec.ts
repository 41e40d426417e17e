import { describe, expect, it } from '@jest/globals';
import { formatMoney, money, MONEY_RE, sumMoney } from './money.js';

describe('money', () => {
  it('adds cents exactly where floating point does not (0.10 + 0.20)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatMoney(sumMoney([money('0.10'), money('0.20')]))).toBe('0.30');
  });

  it('rounds half-up to the cent only when formatting, and never shows -0.00', () => {
    expect(formatMoney(money('2.345'))).toBe('2.35');
    expect(formatMoney(money('-2.345'))).toBe('-2.35');
    expect(formatMoney(money('-0.001'))).toBe('0.00');
    expect(formatMoney(money('1200'))).toBe('1200.00');
  });

  it('accepts wire money with exactly two places and refuses the rest', () => {
    for (const ok of ['0.00', '1200.00', '-5.10', '9999999999999999.99']) expect(MONEY_RE.test(ok)).toBe(true);
    for (const bad of ['1200', '1200.0', '1,200.00', '01.00', '1e3', '12.345', '', '99999999999999999.00'])
      expect(MONEY_RE.test(bad)).toBe(false);
  });
});
