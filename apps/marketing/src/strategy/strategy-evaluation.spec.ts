import { describe, expect, it } from '@jest/globals';
import { compare, toGroupView, type GroupFigures } from './strategy-evaluation.js';

const group = (name: string | null, leads: number, converted: number, cost: string, revenue: string): GroupFigures => ({
  group: name,
  campaignIds: [],
  currency: 'CNY',
  figures: { leads, convertedLeads: converted, cost, revenue, wonOpportunities: 0 },
});

describe('strategy evaluation', () => {
  it('gives cost per lead, conversion with its Wilson interval and ROI per group', () => {
    // 1000 leads for 25000.00: 25.00 a lead; 200 converted: 0.2000 in [0.1764, 0.2259]; (60000 − 25000)/25000 = 1.4.
    expect(toGroupView(group('A', 1000, 200, '25000.00', '60000.00'))).toEqual({
      group: 'A',
      campaignIds: [],
      currency: 'CNY',
      leads: 1000,
      cost: '25000.00',
      costPerLead: '25.00',
      converted: 200,
      conversionRate: '0.2000',
      conversionRateCi95: { low: '0.1764', high: '0.2259' },
      actualRevenue: '60000.00',
      roi: '1.4000',
    });
    // 100.00 over 3 leads: 33.333… → 33.33; nothing spent: no ROI; no leads: no rates.
    expect(toGroupView(group('B', 3, 1, '100.00', '0.00'))).toMatchObject({
      costPerLead: '33.33',
      conversionRate: '0.3333',
      roi: '-1.0000',
    });
    expect(toGroupView(group(null, 0, 0, '0.00', '0.00'))).toMatchObject({
      costPerLead: null,
      conversionRate: null,
      conversionRateCi95: null,
      roi: null,
    });
  });

  it('compares two groups: 200/1000 against 250/1000 differs significantly (z −2.6774, p 0.0074)', () => {
    const c = compare(group('A', 1000, 200, '0', '0'), group('B', 1000, 250, '0', '0'));
    expect(c).toMatchObject({ groups: ['A', 'B'], difference: '-0.0500', z: '-2.6774', conclusive: true, significant: true, reason: null });
    expect(Number(c.pValue)).toBeCloseTo(0.00742, 5);
  });

  it('says when the sample is too small to tell', () => {
    const c = compare(group('A', 12, 3, '0', '0'), group('B', 10, 1, '0', '0'));
    expect(c).toMatchObject({ conclusive: false, significant: false });
    expect(c.reason).toMatch(/^sample too small: a group has fewer than 30 leads/);
  });
});
