import { describe, expect, it } from '@jest/globals';
import { formatMoney, money } from '@crm/contracts';
import { ratio, tallyWinLoss, toOpportunityFact, type OpportunityFact } from './win-loss.js';

const A = 'a0000000-0000-4000-8000-000000000001';
const B = 'b0000000-0000-4000-8000-000000000002';
const C = 'c0000000-0000-4000-8000-000000000003';

function fact(id: string, f: Partial<OpportunityFact>): OpportunityFact {
  return {
    opportunityId: id,
    status: 'open',
    amount: money('0.00'),
    currency: 'CNY',
    competitorIds: [],
    lostToCompetitorId: null,
    createdAt: new Date('2026-02-01T00:00:00Z'),
    closedAt: null,
    ...f,
  };
}

/**
 * A hand-computed set, period [2026-01-01, 2026-04-01):
 *   o1 names A,B; created Jan; won Feb            → A met, won; B met, won
 *   o2 names A;   created Jan; lost to A in Mar, 1200.50 → A met, lost, lostTo, 1200.50
 *   o3 names A,B; created Feb; lost to B in Mar, 800.00  → A met, lost; B met, lost, lostTo 800.00
 *   o4 names A;   created Dec 2025; lost to A Jan, 300.25 → A (not met) lost, lostTo, 300.25
 *   o5 names A;   created Mar; still open        → A met
 *   o6 names B;   created Jan; lost to B in April (after the period) → B met only
 *   o7 names none; lost to A in Feb, USD 99.00   → A met, lost, lostTo, other currency
 *   o8 names A;   created and won in 2025        → nothing
 * A: met 5 (o1,o2,o3,o5,o7), won 1, lost 4 (o2,o3,o4,o7), lostTo 3 (o2,o4,o7), 1200.50 + 300.25 = 1500.75 CNY, 1 USD; win rate 1/5 = 0.2000
 * B: met 3 (o1,o3,o6), won 1, lost 1, lostTo 1, amount 800.00; win rate 1/2 = 0.5000
 * C: asked for, never met → zeros, win rate null
 */
const facts = [
  fact('o1', {
    competitorIds: [A, B],
    createdAt: new Date('2026-01-10T00:00:00Z'),
    status: 'won',
    closedAt: new Date('2026-02-10T00:00:00Z'),
    amount: money('5000.00'),
  }),
  fact('o2', {
    competitorIds: [A],
    createdAt: new Date('2026-01-15T00:00:00Z'),
    status: 'lost',
    lostToCompetitorId: A,
    closedAt: new Date('2026-03-01T00:00:00Z'),
    amount: money('1200.50'),
  }),
  fact('o3', {
    competitorIds: [A, B],
    createdAt: new Date('2026-02-01T00:00:00Z'),
    status: 'lost',
    lostToCompetitorId: B,
    closedAt: new Date('2026-03-20T00:00:00Z'),
    amount: money('800.00'),
  }),
  fact('o4', {
    competitorIds: [A],
    createdAt: new Date('2025-12-01T00:00:00Z'),
    status: 'lost',
    lostToCompetitorId: A,
    closedAt: new Date('2026-01-05T00:00:00Z'),
    amount: money('300.25'),
  }),
  fact('o5', { competitorIds: [A], createdAt: new Date('2026-03-31T23:59:59Z') }),
  fact('o6', {
    competitorIds: [B],
    createdAt: new Date('2026-01-20T00:00:00Z'),
    status: 'lost',
    lostToCompetitorId: B,
    closedAt: new Date('2026-04-01T00:00:00Z'),
    amount: money('10.00'),
  }),
  fact('o7', {
    competitorIds: [],
    createdAt: new Date('2026-02-02T00:00:00Z'),
    status: 'lost',
    lostToCompetitorId: A,
    closedAt: new Date('2026-02-20T00:00:00Z'),
    amount: money('99.00'),
    currency: 'USD',
  }),
  fact('o8', {
    competitorIds: [A],
    createdAt: new Date('2025-05-01T00:00:00Z'),
    status: 'won',
    closedAt: new Date('2025-06-01T00:00:00Z'),
  }),
];
const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

describe('tallyWinLoss', () => {
  it('counts met by creation and won/lost by closing in [from, to), sums amounts lost to each competitor', () => {
    const t = tallyWinLoss(facts, period, 'CNY', [A, B, C]);
    const a = t.get(A)!;
    const b = t.get(B)!;
    const c = t.get(C)!;
    expect({ ...a, amountLost: formatMoney(a.amountLost) }).toEqual({
      met: 5,
      won: 1,
      lost: 4,
      lostTo: 3,
      amountLost: '1500.75',
      otherCurrencyLost: 1,
    });
    expect({ ...b, amountLost: formatMoney(b.amountLost) }).toEqual({
      met: 3,
      won: 1,
      lost: 1,
      lostTo: 1,
      amountLost: '800.00',
      otherCurrencyLost: 0,
    });
    expect({ ...c, amountLost: formatMoney(c.amountLost) }).toEqual({
      met: 0,
      won: 0,
      lost: 0,
      lostTo: 0,
      amountLost: '0.00',
      otherCurrencyLost: 0,
    });
    expect(ratio(a.won, a.won + a.lost)).toBe('0.2000');
    expect(ratio(b.won, b.won + b.lost)).toBe('0.5000');
    expect(ratio(c.won, c.won + c.lost)).toBeNull();
  });

  it('without a period counts everything; without a list tallies every competitor named', () => {
    const t = tallyWinLoss(facts, {}, 'CNY');
    expect([...t.keys()].sort()).toEqual([A, B]);
    // o4 and o8 are now met by A (o8 won), o6 is lost to B: A lost o2, o3, o4, o7.
    expect(t.get(A)).toMatchObject({ met: 7, won: 2, lost: 4 });
    expect(t.get(B)).toMatchObject({ met: 3, won: 1, lost: 2, lostTo: 2 });
    expect(formatMoney(t.get(B)!.amountLost)).toBe('810.00');
  });

  it('rounds rates half-up to 4 places', () => {
    expect(ratio(2, 3)).toBe('0.6667');
    expect(ratio(1, 3)).toBe('0.3333');
    expect(ratio(3, 3)).toBe('1.0000');
  });

  it('reads fact rows as mysql2 returns them (JSON as text, DECIMAL as text)', () => {
    const f = toOpportunityFact({
      opportunity_id: 'o9',
      status: 'lost',
      amount: '12.30',
      currency: 'CNY',
      competitor_ids: `["${A}"]`,
      lost_to_competitor_id: A,
      created_at: new Date('2026-01-01T00:00:00Z'),
      closed_at: '2026-01-02T00:00:00.000Z',
    });
    expect(f).toMatchObject({ status: 'lost', competitorIds: [A], lostToCompetitorId: A });
    expect(formatMoney(f.amount)).toBe('12.30');
    expect(
      toOpportunityFact({
        opportunity_id: 'x',
        status: 'weird',
        amount: null,
        currency: null,
        competitor_ids: 'not json',
        lost_to_competitor_id: null,
        created_at: '2026-01-01T00:00:00Z',
        closed_at: null,
      }),
    ).toMatchObject({ status: 'open', competitorIds: [] });
  });
});
