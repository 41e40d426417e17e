import { describe, expect, it } from '@jest/globals';
import { scoreLead, type ScoringRuleDef, type ScoringSubject } from './scoring.engine.js';

const CAMPAIGN = '3f1c2a9e-0000-4000-8000-0000000000c1';
const lead = (over: Partial<ScoringSubject> = {}): ScoringSubject => ({
  industryCode: 'I6510',
  regionCode: '440305',
  segment: 'enterprise',
  companySize: 250,
  source: 'form',
  attributes: { budget: 'approved', employees: 250 },
  ...over,
});

const rules: ScoringRuleDef[] = [
  { id: 'r-industry', points: 20, when: { industryCode: 'I65' }, engagement: null },
  { id: 'r-region', points: 10, when: { regionCode: '44', segment: ['enterprise', 'government'] }, engagement: null },
  { id: 'r-size', points: 15, when: { companySize: { min: 100, max: 500 } }, engagement: null },
  { id: 'r-big', points: 30, when: { companySize: { min: 1000 } }, engagement: null },
  { id: 'r-source', points: -5, when: { source: ['import'] }, engagement: null },
  { id: 'r-budget', points: 25, when: { attributes: { budget: 'approved' } }, engagement: null },
  { id: 'r-response', points: 5, when: null, engagement: { touchKind: 'response', maxTimes: 3 } },
  { id: 'r-campaign', points: 8, when: null, engagement: { touchKind: 'capture', campaignId: CAMPAIGN } },
];

describe('scoreLead', () => {
  it('adds the points of every rule that applies and says why (worked by hand: 20 + 10 + 15 + 25 + 15 + 16 = 101)', () => {
    const touches = [
      { kind: 'response', campaignId: CAMPAIGN, count: 2 },
      { kind: 'response', campaignId: null, count: 3 },
      { kind: 'capture', campaignId: CAMPAIGN, count: 2 },
      { kind: 'capture', campaignId: null, count: 1 },
    ];
    const s = scoreLead(lead(), touches, rules);
    expect(s.reasons).toEqual([
      { ruleId: 'r-industry', points: 20, why: 'industryCode I6510 starts with I65' },
      { ruleId: 'r-region', points: 10, why: 'regionCode 440305 starts with 44; segment enterprise is one of enterprise, government' },
      { ruleId: 'r-size', points: 15, why: 'companySize 250 in 100–500' },
      { ruleId: 'r-budget', points: 25, why: 'attribute budget = "approved"' },
      // 5 responses, counted at most 3 times: 3 × 5.
      { ruleId: 'r-response', points: 15, why: '3 × 5 for response touches (5, counted at most 3)' },
      // Only the 2 captures of the campaign: 2 × 8.
      { ruleId: 'r-campaign', points: 16, why: `2 × 8 for capture touches of campaign ${CAMPAIGN}` },
    ]);
    expect(s.score).toBe(101);
  });

  it('a rule with one failing condition adds nothing; negative points subtract', () => {
    const s = scoreLead(lead({ regionCode: '110105', companySize: 1200, source: 'import', attributes: null }), [], rules);
    // industry 20 + big 30 − import 5 = 45; region fails on 11…, size 100–500 fails on 1200, no budget attribute.
    expect(s.score).toBe(45);
    expect(s.reasons.map((r) => r.ruleId)).toEqual(['r-industry', 'r-big', 'r-source']);
  });

  it('a missing field never matches a condition on it', () => {
    const s = scoreLead(
      lead({ industryCode: null, regionCode: null, segment: null, companySize: null, attributes: null }),
      [{ kind: 'response', campaignId: null, count: 1 }],
      rules,
    );
    expect(s).toEqual({ score: 5, reasons: [{ ruleId: 'r-response', points: 5, why: '1 × 5 for response touch' }] });
  });

  it('no rules: score 0 and no reasons', () => {
    expect(scoreLead(lead(), [{ kind: 'capture', campaignId: null, count: 4 }], [])).toEqual({ score: 0, reasons: [] });
  });

  it('a size range bound is inclusive on both ends', () => {
    const only = rules.filter((r) => r.id === 'r-size');
    expect(scoreLead(lead({ companySize: 100 }), [], only).score).toBe(15);
    expect(scoreLead(lead({ companySize: 500 }), [], only).score).toBe(15);
    expect(scoreLead(lead({ companySize: 501 }), [], only).score).toBe(0);
  });
});
