import { describe, expect, it } from '@jest/globals';
import { accountSegmentWhere, hasCriteria, leadSegmentWhere, normaliseCriteria, segmentKinds } from './segment-query.js';
import { prefixPattern, scopeCondition } from './scope-sql.js';

describe('segment criteria → SQL', () => {
  it('ANDs the criteria, ORs each list, matches codes by prefix, and defaults leads to the open statuses', () => {
    const where = leadSegmentWhere({
      industryCodes: ['I64', 'C'],
      regionPrefixes: ['4403'],
      segments: ['sme', 'enterprise'],
      minScore: 40,
    });
    expect(where.sql).toBe(
      '(l.industry_code LIKE ? OR l.industry_code LIKE ?) AND (l.region_code LIKE ?) AND (l.segment IN (?, ?)) AND (l.score >= ?) AND (l.status IN (?, ?, ?, ?))',
    );
    expect(where.params).toEqual(['I64%', 'C%', '4403%', 'sme', 'enterprise', 40, 'new', 'working', 'nurturing', 'qualified']);
  });

  it('never puts a value into the SQL text, however it is spelled', () => {
    const hostile = "x' OR 1=1 --";
    const where = leadSegmentWhere({ segments: [hostile], leadStatuses: ['converted'] }, 'lead_alias');
    expect(where.sql).toBe('(lead_alias.segment IN (?)) AND (lead_alias.status IN (?))');
    expect(where.sql).not.toContain(hostile);
    expect(where.params).toEqual([hostile, 'converted']);
    // LIKE wildcards inside a prefix are matched literally.
    expect(prefixPattern('44%_\\')).toBe('44\\%\\_\\\\%');
  });

  it('applies only industry, region and segment to accounts', () => {
    const where = accountSegmentWhere({ industryCodes: ['I'], segments: ['government'] });
    expect(where).toEqual({ sql: '(a.industry_code LIKE ?) AND (a.segment IN (?))', params: ['I%', 'government'] });
  });

  it('targets leads only when a lead-only criterion is set, both kinds otherwise, or exactly memberKinds', () => {
    expect(segmentKinds({ industryCodes: ['I'] })).toEqual(['lead', 'account']);
    expect(segmentKinds({ industryCodes: ['I'], minScore: 10 })).toEqual(['lead']);
    expect(segmentKinds({ leadStatuses: ['qualified'] })).toEqual(['lead']);
    expect(segmentKinds({ minScore: 10, memberKinds: ['account'] })).toEqual(['account']);
    // A kind the segment does not target matches nothing.
    expect(accountSegmentWhere({ minScore: 10 })).toEqual({ sql: '1 = 0', params: [] });
    expect(leadSegmentWhere({ industryCodes: ['I'], memberKinds: ['account'] })).toEqual({ sql: '1 = 0', params: [] });
  });

  it('stores criteria without empty lists and duplicates, and knows an empty segment', () => {
    expect(normaliseCriteria({ industryCodes: [], regionPrefixes: ['11', '11'], minScore: 0 })).toEqual({
      regionPrefixes: ['11'],
      minScore: 0,
    });
    expect(hasCriteria({ industryCodes: [], memberKinds: ['lead'] })).toBe(false);
    expect(hasCriteria({ minScore: 0 })).toBe(true);
  });

  it('limits aggregates to the data scope the way applyScope limits lists', () => {
    expect(scopeCondition('l.owner_id', { scope: 'all', owners: null })).toEqual({ sql: '1 = 1', params: [] });
    expect(scopeCondition('l.owner_id', { scope: 'team', owners: ['E1', 'E2'] })).toEqual({
      sql: 'l.owner_id IN (?, ?)',
      params: ['E1', 'E2'],
    });
    expect(scopeCondition('l.owner_id', { scope: 'own', owners: [] })).toEqual({ sql: '1 = 0', params: [] });
    expect(() => scopeCondition('l.owner_id', null)).toThrow(/employee/);
  });
});
