import { describe, expect, it } from '@jest/globals';
import { excludedBy, rankRecommendations, type Product, type RankingInput } from './recommendation-ranking.js';

const p = (sku: string, name = sku): Product => ({ sku, name, productId: null });
const base: RankingInput = { held: [], ended: [], coOccurrence: [], cases: {}, peers: null };

describe('rankRecommendations', () => {
  it('co-occurrence: 3 of 4 holders of BB-1000 also hold BB-IP → 0.4 × 0.75 = 0.3, with its counts', () => {
    const items = rankRecommendations(
      { ...base, held: ['BB-1000'], coOccurrence: [{ antecedent: 'BB-1000', holders: 4, together: 3, product: p('BB-IP', 'Static IP') }] },
      10,
    );
    expect(items).toEqual([
      {
        sku: 'BB-IP',
        productId: null,
        name: 'Static IP',
        score: 0.3,
        reason: '3 of 4 other accounts holding BB-1000 also hold BB-IP',
        evidence: [
          {
            source: 'co-occurrence',
            text: '3 of 4 other accounts holding BB-1000 also hold BB-IP',
            counts: { together: 3, holders: 4 },
            score: 0.3,
          },
        ],
      },
    ]);
  });

  it('co-occurrence: a single account holding both is noise (below MIN_EVIDENCE); the best antecedent wins', () => {
    const items = rankRecommendations(
      {
        ...base,
        held: ['BB-1000', 'AD-METRO'],
        coOccurrence: [
          { antecedent: 'AD-METRO', holders: 1, together: 1, product: p('SMS-PACK') },
          { antecedent: 'BB-1000', holders: 10, together: 2, product: p('BB-IP') },
          { antecedent: 'AD-METRO', holders: 4, together: 2, product: p('BB-IP') },
        ],
      },
      10,
    );
    expect(items.map((i) => [i.sku, i.score])).toEqual([['BB-IP', 0.2]]);
    expect(items[0]!.evidence[0]!.counts).toEqual({ together: 2, holders: 4 });
  });

  it('case history: 3 faults on a broadband account → premium support 0.6 + 0.05 = 0.65 and a 4G backup line 0.5', () => {
    const items = rankRecommendations({ ...base, held: ['BB-1000'], cases: { fault: 3, consultation: 7 } }, 10);
    expect(items.map((i) => [i.sku, i.score])).toEqual([
      ['SUP-PREM', 0.65],
      ['BB-BACKUP-4G', 0.5],
    ]);
    expect(items[0]!.reason).toBe('3 fault cases in the last 180 days on an account holding broadband');
    expect(items[0]!.evidence[0]!.counts).toEqual({ cases: 3, threshold: 2 });
  });

  it('case history: faults without broadband suggest nothing; one fault is not a pattern', () => {
    expect(rankRecommendations({ ...base, held: ['AD-METRO'], cases: { fault: 5 } }, 10)).toEqual([]);
    expect(rankRecommendations({ ...base, held: ['BB-1000'], cases: { fault: 1 } }, 10)).toEqual([]);
  });

  it('similar accounts: 5 of 8 peers hold SUP-PREM → 0.35 × 0.625 = 0.219; sources add up', () => {
    const items = rankRecommendations(
      {
        ...base,
        held: ['BB-1000'],
        cases: { fault: 2 },
        peers: { industry: 'I65', segment: 'business', peers: 8, holdings: [{ product: p('SUP-PREM'), holders: 5 }] },
      },
      10,
    );
    expect(items[0]!.sku).toBe('SUP-PREM');
    expect(items[0]!.score).toBe(0.819); // 0.6 (cases) + 0.219 (peers)
    expect(items[0]!.evidence.map((e) => e.source)).toEqual(['case-history', 'similar-accounts']);
    expect(items[0]!.reason).toContain('5 of 8 similar accounts (industry I65, segment business) hold SUP-PREM');
  });

  it('never suggests what the account holds or what a held product excludes (both ways round)', () => {
    const input: RankingInput = {
      ...base,
      held: ['BB-1000', 'SUP-STD'],
      coOccurrence: [
        { antecedent: 'BB-1000', holders: 4, together: 4, product: p('SUP-STD') },
        { antecedent: 'BB-1000', holders: 4, together: 4, product: p('BB-300') },
        { antecedent: 'BB-1000', holders: 4, together: 3, product: p('SUP-PREM') },
        { antecedent: 'BB-1000', holders: 4, together: 2, product: p('BB-IP') },
      ],
    };
    expect(rankRecommendations(input, 10).map((i) => i.sku)).toEqual(['BB-IP']);
    expect([...excludedBy(['BB-1000', 'SUP-STD'])].sort()).toEqual(['BB-100', 'BB-300', 'SUP-PLAT', 'SUP-PREM']);
  });

  it('win-back: a product of an ended contract not held now; orders by score then sku, cut to the limit', () => {
    const items = rankRecommendations(
      {
        ...base,
        ended: [
          { product: p('AD-PRINT'), contractNo: 'CT-1', endsOn: '2026-10-31' },
          { product: p('AD-BANNER'), contractNo: 'CT-1', endsOn: '2026-10-31' },
        ],
      },
      1,
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ sku: 'AD-BANNER', score: 0.2, reason: 'held under contract CT-1 until 2026-10-31 and not renewed' });
  });
});
