import { describe, expect, it } from '@jest/globals';
import type { SalesFeedOpportunityDto } from '@crm/contracts';
import { toAccountFact, toOpportunityFact } from './sales-feed.mapper.js';

const base: SalesFeedOpportunityDto = {
  opportunityId: '7d3c4b5a-0000-4000-8000-000000000001',
  accountId: '7d3c4b5a-0000-4000-8000-000000000002',
  campaignId: '7d3c4b5a-0000-4000-8000-000000000003',
  amount: '50000.00',
  status: 'open',
  competitorIds: ['7d3c4b5a-0000-4000-8000-00000000000c', '7d3c4b5a-0000-4000-8000-00000000000c'],
  createdAt: '2026-11-01T08:00:00.000Z',
  version: 3,
};
const occurred = new Date('2026-11-20T10:00:00.000Z');

describe('sales feed facts', () => {
  it('takes won / lost from the pattern, closes at closedAt or else when the event occurred', () => {
    const won = toOpportunityFact({ ...base, status: 'open', competitorId: '7d3c4b5a-0000-4000-8000-00000000000c' }, 'won', occurred);
    expect(won).toMatchObject({ status: 'won', closedAt: occurred, lostToCompetitorId: null, currency: 'CNY', leadId: null });
    expect(won.competitorIds).toEqual(['7d3c4b5a-0000-4000-8000-00000000000c']);
    const lost = toOpportunityFact(
      { ...base, competitorId: '7d3c4b5a-0000-4000-8000-00000000000c', closedAt: '2026-11-19T00:00:00.000Z' },
      'lost',
      occurred,
    );
    expect(lost).toMatchObject({
      status: 'lost',
      closedAt: new Date('2026-11-19T00:00:00.000Z'),
      lostToCompetitorId: '7d3c4b5a-0000-4000-8000-00000000000c',
    });
    expect(toOpportunityFact({ ...base, status: undefined }, null, occurred)).toMatchObject({ status: 'open', closedAt: null });
  });

  it('keeps one line per product, adding the amounts of a product listed twice', () => {
    const p1 = '7d3c4b5a-0000-4000-8000-0000000000a1';
    const p2 = '7d3c4b5a-0000-4000-8000-0000000000a2';
    const f = toOpportunityFact(
      {
        ...base,
        lines: [
          { productId: p1, amount: '0.10' },
          { productId: p2, amount: '5.00' },
          { productId: p1, amount: '0.20' },
        ],
      },
      'won',
      occurred,
    );
    expect(f.lines).toEqual([
      { productId: p1, amount: '0.30' },
      { productId: p2, amount: '5.00' },
    ]);
    expect(toOpportunityFact({ ...base, lines: [] }, 'won', occurred).lines).toBeNull();
  });

  it('maps an account event to its fact', () => {
    expect(
      toAccountFact({
        accountId: base.accountId!,
        industryCode: 'I64',
        regionCode: '440305',
        segment: 'sme',
        createdAt: base.createdAt,
        version: 2,
      }),
    ).toEqual({
      accountId: base.accountId,
      industryCode: 'I64',
      regionCode: '440305',
      segment: 'sme',
      ownerId: null,
      territoryId: null,
      createdAt: new Date(base.createdAt),
      version: 2,
    });
  });
});
