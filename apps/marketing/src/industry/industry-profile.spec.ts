import { describe, expect, it } from '@jest/globals';
import { money } from '@crm/contracts';
import { industryProfileFigures, type IndustryFact } from './industry-profile.js';

const A = 'a0000000-0000-4000-8000-000000000001';
const B = 'b0000000-0000-4000-8000-000000000002';

function fact(id: string, f: Partial<IndustryFact>): IndustryFact {
  return {
    opportunityId: id,
    status: 'open',
    amount: money('0.00'),
    currency: 'CNY',
    competitorIds: [],
    lostToCompetitorId: null,
    createdAt: new Date('2026-02-01T00:00:00Z'),
    closedAt: null,
    campaignType: null,
    ...f,
  };
}

const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') };
const closed = new Date('2026-03-01T00:00:00Z');

/**
 * Worked by hand:
 *   leads: email campaigns 10 (3 converted), event 4 (2 converted), sms 5 (1), phone 2 (1), no campaign 6 (1)
 *     → 27 leads, 8 converted, 8/27 = 0.2963; email 0.3000, event 0.5000, sms 0.2000, phone 0.5000
 *   won: 1000.00 (email), 2000.01 (event), 500.00 (none), USD 300.00 (phone: counted, not summed)
 *     → won 4, revenue 3500.01 CNY over 3 deals, average 1166.67 (1166.67 exactly 1166.6700 → 1166.67)
 *   lost: two (one to A, one to B), one closed after the period (not counted) → win rate 4/6 = 0.6667
 *   event and phone tie at 0.5000: event has revenue 2000.01, phone 0.00 → event first.
 */
const input = {
  accounts: 7,
  leadGroups: [
    { campaignType: 'email', leads: 10, converted: 3 },
    { campaignType: 'event', leads: 4, converted: 2 },
    { campaignType: 'sms', leads: 5, converted: 1 },
    { campaignType: 'phone', leads: 2, converted: 1 },
    { campaignType: null, leads: 6, converted: 1 },
  ],
  facts: [
    fact('w1', { status: 'won', closedAt: closed, amount: money('1000.00'), campaignType: 'email', competitorIds: [A] }),
    fact('w2', { status: 'won', closedAt: closed, amount: money('2000.01'), campaignType: 'event', competitorIds: [A, B] }),
    fact('w3', { status: 'won', closedAt: closed, amount: money('500.00') }),
    fact('w4', { status: 'won', closedAt: closed, amount: money('300.00'), currency: 'USD', campaignType: 'phone' }),
    fact('l1', { status: 'lost', closedAt: closed, amount: money('700.00'), competitorIds: [A], lostToCompetitorId: A }),
    fact('l2', { status: 'lost', closedAt: closed, amount: money('900.00'), competitorIds: [A, B], lostToCompetitorId: B }),
    fact('l3', { status: 'lost', closedAt: new Date('2026-07-01T00:00:00Z'), competitorIds: [B], lostToCompetitorId: B }),
    fact('o1', { competitorIds: [B] }),
  ],
  period,
  currency: 'CNY',
  competitorNames: new Map([
    [A, 'Alpha Cloud'],
    [B, 'Beta Soft'],
  ]),
};

describe('industryProfileFigures', () => {
  it('computes conversion, win rate, average won deal, per-competitor win rates and ranks campaign types', () => {
    const p = industryProfileFigures(input);
    expect(p).toMatchObject({
      accounts: 7,
      leads: 27,
      convertedLeads: 8,
      conversionRate: '0.2963',
      won: 4,
      lost: 2,
      winRate: '0.6667',
      wonRevenue: '3500.01',
      averageWonDeal: '1166.67',
      otherCurrencyWon: 1,
    });
    // A: met w1, w2, l1, l2 (all created Feb) → won 2, lost 2 → 0.5000. B: met w2, l2, l3, o1 → won 1, lost 1 → 0.5000.
    expect(p.competitors).toEqual([
      { competitorId: A, name: 'Alpha Cloud', met: 4, won: 2, lost: 2, winRate: '0.5000' },
      { competitorId: B, name: 'Beta Soft', met: 4, won: 1, lost: 1, winRate: '0.5000' },
    ]);
    expect(p.campaignTypes).toEqual([
      { type: 'event', leads: 4, convertedLeads: 2, conversionRate: '0.5000', revenue: '2000.01' },
      { type: 'phone', leads: 2, convertedLeads: 1, conversionRate: '0.5000', revenue: '0.00' },
      { type: 'email', leads: 10, convertedLeads: 3, conversionRate: '0.3000', revenue: '1000.00' },
      { type: 'sms', leads: 5, convertedLeads: 1, conversionRate: '0.2000', revenue: '0.00' },
    ]);
  });

  it('answers null rates and no average when there is nothing to divide', () => {
    const p = industryProfileFigures({ ...input, accounts: 0, leadGroups: [], facts: [] });
    expect(p).toMatchObject({
      leads: 0,
      conversionRate: null,
      winRate: null,
      averageWonDeal: null,
      wonRevenue: '0.00',
      competitors: [],
      campaignTypes: [],
    });
  });
});
