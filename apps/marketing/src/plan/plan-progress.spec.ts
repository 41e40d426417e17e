import { describe, expect, it } from '@jest/globals';
import { Decimal } from '@crm/contracts';
import { actualWindow, elapsedShare, kpiProgress, statusOf, type PlanActuals } from './plan-progress.js';

const none: PlanActuals = { leads: 0, convertedLeads: 0, opportunities: 0, wonRevenue: '0', newAccounts: 0, won: 0, lost: 0 };

describe('plan progress', () => {
  it('measures the elapsed share in whole days, both ends of the period included', () => {
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-11-15').toFixed(4)).toBe('0.5000');
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-11-01').toFixed(4)).toBe('0.0333');
    expect(elapsedShare('2026-11-01', '2026-11-30', '2026-10-31').toFixed(4)).toBe('0.0000');
    expect(elapsedShare('2026-11-01', '2026-11-30', '2027-01-01').toFixed(4)).toBe('1.0000');
    // 2028 is a leap year: 366 days; by 30 June 182 have passed.
    expect(elapsedShare('2028-01-01', '2028-12-31', '2028-06-30').toFixed(4)).toBe(new Decimal(182).dividedBy(366).toFixed(4));
  });

  it('counts actuals from the period start to the end of today, or to the period end', () => {
    expect(actualWindow('2026-11-01', '2026-11-30', '2026-11-15')).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-16T00:00:00Z'),
    });
    expect(actualWindow('2026-11-01', '2026-11-30', '2026-12-10')!.to).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(actualWindow('2026-11-01', '2026-11-30', '2026-10-01')).toBeNull();
  });

  it('is on track within ±5 % of the expected figure, ahead above, behind below', () => {
    expect(statusOf(new Decimal(105), new Decimal(100))).toBe('ahead');
    expect(statusOf(new Decimal(104), new Decimal(100))).toBe('on-track');
    expect(statusOf(new Decimal(95), new Decimal(100))).toBe('on-track');
    expect(statusOf(new Decimal(94), new Decimal(100))).toBe('behind');
    expect(statusOf(new Decimal(0), new Decimal(0))).toBe('on-track');
    expect(statusOf(new Decimal(1), new Decimal(0))).toBe('ahead');
  });

  it('expects cumulative KPIs to grow linearly and a rate to hold its target', () => {
    // Half the period gone: 100 leads targeted → 50 expected, 60 done is ahead (1.2);
    // 1,000,000.00 won revenue targeted → 500,000.00 expected, 400,000.00 won is behind (0.8);
    // 7 accounts targeted → 3.5 expected, 3 done is behind (0.857); a 0.3000 win rate, 3 won of 10 closed, is on track.
    const share = new Decimal('0.5');
    const progress = kpiProgress(
      { leads: 100, wonRevenue: '1000000.00', newAccounts: 7, winRate: '0.3' },
      { ...none, leads: 60, wonRevenue: '400000.00', newAccounts: 3, won: 3, lost: 7 },
      share,
    );
    expect(progress).toEqual([
      { kpi: 'leads', target: 100, actual: 60, expectedByToday: 50, status: 'ahead' },
      { kpi: 'wonRevenue', target: '1000000.00', actual: '400000.00', expectedByToday: '500000.00', status: 'behind' },
      { kpi: 'newAccounts', target: 7, actual: 3, expectedByToday: 3.5, status: 'behind' },
      { kpi: 'winRate', target: '0.3000', actual: '0.3000', expectedByToday: '0.3000', status: 'on-track' },
    ]);
    // Only targeted KPIs are reported; a rate with nothing closed has no actual.
    expect(kpiProgress({ winRate: '0.5' }, none, share)).toEqual([
      { kpi: 'winRate', target: '0.5000', actual: null, expectedByToday: '0.5000', status: 'on-track' },
    ]);
  });
});
