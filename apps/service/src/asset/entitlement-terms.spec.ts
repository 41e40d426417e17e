import { describe, expect, it } from '@jest/globals';
import { dayBefore, entitlementTerms, utcDay, type EntitlementPolicyRule } from './entitlement-terms.js';

const P1 = '11111111-1111-4111-8111-111111111111';
const RULES: EntitlementPolicyRule[] = [
  { skuPrefix: 'SUP-', tier: 'silver', slaPolicyId: null },
  { skuPrefix: 'SUP-PREM', tier: 'gold', slaPolicyId: P1 },
  { skuPrefix: 'BB-1000', tier: 'silver', slaPolicyId: null },
];

describe('entitlementTerms', () => {
  it('no line named by the mapping: standard, no policy', () => {
    expect(entitlementTerms(['AD-METRO', 'SMS-PACK'], RULES)).toEqual({ tier: 'standard', slaPolicyId: null });
  });

  it('a line takes its longest matching prefix: SUP-PREM-4H is gold with its policy, not silver', () => {
    expect(entitlementTerms(['SUP-PREM-4H'], RULES)).toEqual({ tier: 'gold', slaPolicyId: P1 });
    expect(entitlementTerms(['SUP-BASIC'], RULES)).toEqual({ tier: 'silver', slaPolicyId: null });
  });

  it('the contract takes the highest tier among its lines', () => {
    expect(entitlementTerms(['BB-1000', 'SUP-PREM'], RULES)).toEqual({ tier: 'gold', slaPolicyId: P1 });
  });

  it('between two lines of one tier, the rule naming a policy wins', () => {
    const rules: EntitlementPolicyRule[] = [
      { skuPrefix: 'A', tier: 'gold', slaPolicyId: null },
      { skuPrefix: 'B', tier: 'gold', slaPolicyId: P1 },
    ];
    expect(entitlementTerms(['A1', 'B1'], rules)).toEqual({ tier: 'gold', slaPolicyId: P1 });
    expect(entitlementTerms(['B1', 'A1'], rules)).toEqual({ tier: 'gold', slaPolicyId: P1 });
  });

  it('days: the day before a termination date, across a month and a leap day', () => {
    expect(dayBefore('2027-03-01')).toBe('2027-02-28');
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(utcDay(new Date('2026-12-31T23:30:00-02:00'))).toBe('2027-01-01');
  });
});
