import { describe, expect, it } from '@jest/globals';
import { leastLoadedPick, matchRule, roundRobinPick, type AssignmentRuleDef, type AssignmentSubject } from './assignment.engine.js';

const lead = (over: Partial<AssignmentSubject> = {}): AssignmentSubject => ({
  regionCode: '440305',
  industryCode: 'I6510',
  source: 'form',
  segment: 'enterprise',
  ...over,
});

const rule = (id: string, priority: number, over: Partial<AssignmentRuleDef> = {}): AssignmentRuleDef => ({
  id,
  priority,
  when: null,
  strategy: 'fixed',
  ownerId: 'E100001',
  members: [],
  ...over,
});

describe('matchRule', () => {
  const rules = [
    rule('fallback', 100),
    rule('shenzhen-it', 10, { when: { regionCode: '4403', industryCode: 'I' } }),
    rule('guangdong', 20, { when: { regionCode: '44' } }),
    rule('partners', 5, { when: { source: ['partner'] } }),
    rule('gov', 10, { when: { segment: ['government'] } }),
  ];

  it('takes the first rule by priority whose conditions all hold', () => {
    expect(matchRule(lead(), rules)?.id).toBe('shenzhen-it');
    expect(matchRule(lead({ industryCode: 'C13' }), rules)?.id).toBe('guangdong');
    expect(matchRule(lead({ source: 'partner' }), rules)?.id).toBe('partners');
    expect(matchRule(lead({ regionCode: '110105' }), rules)?.id).toBe('fallback');
  });

  it('breaks a priority tie by the order given', () => {
    expect(matchRule(lead({ segment: 'government' }), rules)?.id).toBe('shenzhen-it');
    expect(matchRule(lead({ segment: 'government', industryCode: 'C13' }), rules)?.id).toBe('gov');
  });

  it('a missing field never matches a condition on it; no rule matching → null', () => {
    expect(matchRule(lead({ regionCode: null, industryCode: null }), rules.slice(1, 3))).toBeNull();
    expect(matchRule(lead(), [])).toBeNull();
  });
});

describe('roundRobinPick', () => {
  it('hands tickets 1, 2, 3, 4 … to the members in turn', () => {
    const team = ['E1', 'E2', 'E3'];
    expect([1, 2, 3, 4, 5, 6, 7].map((t) => roundRobinPick(team, t))).toEqual(['E1', 'E2', 'E3', 'E1', 'E2', 'E3', 'E1']);
  });
});

describe('leastLoadedPick', () => {
  it('picks the member with the fewest open leads; a member with none counts 0; ties go to the first listed', () => {
    expect(
      leastLoadedPick(
        ['E1', 'E2', 'E3'],
        new Map([
          ['E1', 4],
          ['E2', 2],
          ['E3', 7],
        ]),
      ),
    ).toBe('E2');
    expect(leastLoadedPick(['E1', 'E2', 'E3'], new Map([['E1', 1]]))).toBe('E2');
    expect(
      leastLoadedPick(
        ['E1', 'E2'],
        new Map([
          ['E1', 3],
          ['E2', 3],
        ]),
      ),
    ).toBe('E1');
  });
});
