import { describe, expect, it } from '@jest/globals';
import { periodEnd } from './quota-period.js';

describe('periodEnd', () => {
  it('ends months, quarters and years on their last day (leap years included)', () => {
    expect(periodEnd('month', '2026-02-01')).toBe('2026-02-28');
    expect(periodEnd('month', '2028-02-01')).toBe('2028-02-29');
    expect(periodEnd('month', '2026-12-01')).toBe('2026-12-31');
    expect(periodEnd('quarter', '2026-10-01')).toBe('2026-12-31');
    expect(periodEnd('quarter', '2026-04-01')).toBe('2026-06-30');
    expect(periodEnd('year', '2026-01-01')).toBe('2026-12-31');
  });

  it('refuses a start that does not begin the period', () => {
    expect(periodEnd('quarter', '2026-11-01')).toBeNull();
    expect(periodEnd('year', '2026-07-01')).toBeNull();
    expect(periodEnd('month', '2026-13-01')).toBeNull();
  });
});
