import { describe, expect, it } from '@jest/globals';
import { caseQueryTerms, matchedTerms, rankCandidates, TITLE_WEIGHT, type SearchCandidate } from './knowledge-ranking.js';
import { indexTerms, queryTerms } from './knowledge-tokenizer.js';

const candidate = (articleId: string, title: string, body: string, titleRelevance: number, allRelevance: number): SearchCandidate => ({
  articleId,
  title,
  body,
  titleRelevance,
  allRelevance,
});

describe('knowledge ranking', () => {
  it('matchedTerms: exact terms, and prefix terms for one-character queries', () => {
    const tokens = new Set(indexTerms('宽带出现故障').map((t) => t.token));
    expect(matchedTerms(queryTerms('宽带 电视 故障'), tokens).map((t) => t.text)).toEqual(['宽带', '故障']);
    expect(matchedTerms(queryTerms('障'), tokens).map((t) => t.text)).toEqual(['障']);
    expect(matchedTerms(queryTerms('视'), tokens)).toEqual([]);
  });

  it('an article holding every query term outranks one repeating a single term more often', () => {
    const terms = queryTerms('宽带 故障');
    const ranked = rankCandidates(terms, [
      // Much higher raw relevance: 宽带 seven times.
      candidate('a', '宽带安装', '宽带宽带宽带宽带宽带安装', 0.3, 2.0),
      candidate('b', '宽带出现故障', '请重启光猫', 0.6, 1.2),
      candidate('c', '电视故障', '机顶盒', 0.3, 0.6),
    ]);
    // Worked example: b = (3·0.6 + 1.2) · (0.5 + 2/2) = 4.5; a = (3·0.3 + 2.0) · (0.5 + 1/2) = 2.9; c = 1.5 · 1 = 1.5.
    expect(ranked.map((r) => [r.candidate.articleId, r.score, r.matchedTerms])).toEqual([
      ['b', 4.5, ['宽带', '故障']],
      ['a', 2.9, ['宽带']],
      ['c', 1.5, ['故障']],
    ]);
    expect(TITLE_WEIGHT).toBe(3);
  });

  it('ties break on title relevance, then id, so the order is stable', () => {
    const terms = queryTerms('router');
    const ranked = rankCandidates(terms, [
      candidate('z', 'x', 'router', 0, 1),
      candidate('y', 'x', 'router', 0, 1),
      candidate('w', 'router', '', 0.25, 0.25),
    ]);
    // w: (0.75 + 0.25) · 1.5 = 1.5; y and z: 1 · 1.5 = 1.5 each: w first on title relevance, then y before z.
    expect(ranked.map((r) => r.candidate.articleId)).toEqual(['w', 'y', 'z']);
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
