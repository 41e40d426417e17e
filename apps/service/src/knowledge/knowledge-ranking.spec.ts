import { describe, expect, it } from '@jest/globals';
import {
  articlePostings,
  caseQueryTerms,
  idf,
  matchedTerms,
  rankCandidates,
  TITLE_WEIGHT,
  type ResolvedTerm,
  type SearchCandidate,
} from './knowledge-ranking.js';
import { indexTerms, indexText, queryTerms } from './knowledge-tokenizer.js';

const candidate = (docNo: number, impacts: Record<string, number>): SearchCandidate => ({
  docNo,
  impacts: new Map(Object.entries(impacts)),
});
/** Every query term resolved to its own token with the given idf. */
const resolve = (query: string, idfs: number[]): ResolvedTerm[] =>
  queryTerms(query).map((term, i) => ({ term, tokens: [{ token: term.token, idf: idfs[i]! }] }));

describe('knowledge ranking', () => {
  it('matchedTerms: exact terms, and prefix terms for one-character queries', () => {
    const tokens = new Set(indexTerms('宽带出现故障').map((t) => t.token));
    expect(matchedTerms(queryTerms('宽带 电视 故障'), tokens).map((t) => t.text)).toEqual(['宽带', '故障']);
    expect(matchedTerms(queryTerms('障'), tokens).map((t) => t.text)).toEqual(['障']);
    expect(matchedTerms(queryTerms('视'), tokens)).toEqual([]);
  });

  it('postings: BM25F term-frequency weight per distinct term, title counting 3, saturating, sorted by token', () => {
    // length 5: norm = 1.2 · (0.25 + 0.75 · 5/400) = 0.31125;
    // a: tf 3 + 2 = 5 → 100 · 5 · 2.2 / 5.31125 = 207; b: tf 3 → 660 / 3.31125 = 199; c: tf 1 → 220 / 1.31125 = 168.
    expect(articlePostings(['wa', 'wb'], ['wa', 'wc', 'wa'])).toEqual({
      length: 5,
      postings: [
        { token: 'wa', impact: 207 },
        { token: 'wb', impact: 199 },
        { token: 'wc', impact: 168 },
      ],
    });
    expect(TITLE_WEIGHT).toBe(3);
    // A long article weighs the same count less: 800 terms, tf 1 → norm 1.2 · 1.75 = 2.1 → 220 / 3.1 = 71.
    expect(articlePostings([], ['wx', ...Array.from({ length: 799 }, (_, i) => `wy${i}`)]).postings[0]).toEqual({
      token: 'wx',
      impact: 71,
    });
    // The tokenizer's index text feeds it directly (the publish path and the bench do exactly this).
    const { postings } = articlePostings(indexText('宽带故障').split(' '), indexText('').split(' '));
    expect(postings.map((p) => p.token).sort()).toEqual(
      indexTerms('宽带故障')
        .map((t) => t.token)
        .sort(),
    );
  });

  it('idf: rare terms weigh much more than terms in almost every article', () => {
    expect(idf(100, 1)).toBeCloseTo(4.21, 2); // ln(1 + 99.5 / 1.5)
    expect(idf(100, 90)).toBeCloseTo(0.11, 2); // ln(1 + 10.5 / 90.5)
    expect(idf(100, 100)).toBeCloseTo(0.005, 3);
  });

  it('an article holding every query term outranks one repeating a single term more often', () => {
    const terms = resolve('宽带 故障', [1, 1]);
    const [kd, gz] = terms.map((t) => t.term.token) as [string, string];
    const ranked = rankCandidates(terms, [
      candidate(1, { [kd]: 200 }), // 宽带 many times
      candidate(2, { [kd]: 120, [gz]: 120 }),
      candidate(3, { [gz]: 150 }),
    ]);
    // Worked example: 2 = (1.2 + 1.2) · (0.5 + 2/2) = 3.6; 1 = 2.0 · (0.5 + 1/2) = 2.0; 3 = 1.5 · 1 = 1.5.
    expect(ranked.map((r) => [r.candidate.docNo, r.score, r.matchedTerms])).toEqual([
      [2, 3.6, ['宽带', '故障']],
      [1, 2, ['宽带']],
      [3, 1.5, ['故障']],
    ]);
  });

  it('idf decides between two one-term matches; a prefix term counts its best token; ties put the newer article first', () => {
    const terms = resolve('router modem', [0.1, 3]);
    const [router, modem] = terms.map((t) => t.term.token) as [string, string];
    const byIdf = rankCandidates(terms, [candidate(1, { [router]: 200 }), candidate(2, { [modem]: 50 })]);
    expect(byIdf.map((r) => [r.candidate.docNo, r.score])).toEqual([
      [2, 1.5], // 3 · 0.5 · 1
      [1, 0.2], // 0.1 · 2 · 1
    ]);
    const [cat] = queryTerms('猫');
    const prefix: ResolvedTerm[] = [
      {
        term: cat!,
        tokens: [
          { token: `${cat!.token}aaaa`, idf: 2 },
          { token: `${cat!.token}bbbb`, idf: 1 },
        ],
      },
    ];
    const ranked = rankCandidates(prefix, [
      candidate(7, { [`${cat!.token}bbbb`]: 100 }),
      candidate(9, { [`${cat!.token}aaaa`]: 50 }),
      candidate(8, { [`${cat!.token}aaaa`]: 40, [`${cat!.token}bbbb`]: 80 }),
    ]);
    // 9: 2 · 0.5 = 1.0, × 1.5; 7: 1 · 1.0 = 1.0, × 1.5 (tie: newer first); 8: max(0.8, 0.8) × 1.5.
    expect(ranked.map((r) => [r.candidate.docNo, r.score, r.matchedTerms])).toEqual([
      [9, 1.5, ['猫']],
      [7, 1.5, ['猫']],
      [8, 1.2, ['猫']],
    ]);
  });

  it("a case's query: the subject's terms first, then the description's most frequent terms, bounded", () => {
    const terms = caseQueryTerms(
      'Router keeps rebooting',
      'The router reboots. Reboots every hour, the modem light is red. Modem modem.',
      5,
    );
    expect(terms.map((t) => t.text)).toEqual(['router', 'keep', 'reboot', 'modem', 'every']);
    expect(caseQueryTerms('宽带故障', '').map((t) => t.text)).toEqual(['宽带', '带故', '故障']);
  });
});
