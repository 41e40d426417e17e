import { describe, expect, it } from '@jest/globals';
import { money } from '@crm/contracts';
import { addFigures, roi, toFigures } from './campaign-figures.js';

describe('campaign figures', () => {
  it('ROI is (revenue − cost) / cost with 4 places, rounded half-up; null while nothing was spent', () => {
    // 50000.00 won on 8000.00 spent: 42000 / 8000 = 5.25.
    expect(roi(money('50000.00'), money('8000.00'))).toBe('5.2500');
    // 1000 on 3000: −2000 / 3000 = −0.666666… → −0.6667.
    expect(roi(money('1000.00'), money('3000.00'))).toBe('-0.6667');
    // 1 on 3: −2/3 → −0.6667; 2 on 3: −1/3 → −0.3333; 10 on 8: 0.25.
    expect(roi(money('2.00'), money('3.00'))).toBe('-0.3333');
    expect(roi(money('10.00'), money('8.00'))).toBe('0.2500');
    expect(roi(money('0.00'), money('5.00'))).toBe('-1.0000');
    expect(roi(money('100.00'), money('100.00'))).toBe('0.0000');
    expect(roi(money('100.00'), money('0'))).toBeNull();
  });

  it('shows money with 2 places and counts as numbers, and adds a rollup exactly', () => {
    expect(toFigures({ cost: '1500.5', revenue: '0', leads: 3, convertedLeads: 1, wonOpportunities: 0 })).toEqual({
      actualCost: '1500.50',
      actualRevenue: '0.00',
      leads: 3,
      convertedLeads: 1,
      wonOpportunities: 0,
      roi: '-1.0000',
    });
    const sum = addFigures([
      { cost: '0.10', revenue: '0.20', leads: 1, convertedLeads: 0, wonOpportunities: 1 },
      { cost: '0.20', revenue: '0.10', leads: 2, convertedLeads: 2, wonOpportunities: 0 },
    ]);
    expect(toFigures(sum)).toEqual({
      actualCost: '0.30',
      actualRevenue: '0.30',
      leads: 3,
      convertedLeads: 2,
      wonOpportunities: 1,
      roi: '0.0000',
    });
  });
});
