import { describe, expect, it } from '@jest/globals';
import { choosePolicy, type PolicySource } from './sla-policy-choice.js';

interface P {
  id: string;
  tiers: string[];
  isDefault: boolean;
}
const policies: P[] = [
  { id: 'default', tiers: [], isDefault: true },
  { id: 'gold', tiers: ['gold'], isDefault: false },
  { id: 'contract-42', tiers: [], isDefault: false },
];
const source: PolicySource<P> = {
  find: (id) => Promise.resolve(policies.find((p) => p.id === id) ?? null),
  findByTier: (tier) => Promise.resolve(policies.find((p) => p.tiers.includes(tier)) ?? null),
  findDefault: () => Promise.resolve(policies.find((p) => p.isDefault) ?? null),
};
const ent = (slaPolicyId: string | null, tier: string | null) => ({ entitlementId: 'e1', slaPolicyId, tier });

describe('choosePolicy', () => {
  it("takes the entitlement's policy over its tier's", async () => {
    expect(await choosePolicy(source, ent('contract-42', 'gold'))).toEqual({ policy: policies[2], reason: 'entitlement' });
  });

  it("takes the tier's policy when the entitlement names none (or a missing one)", async () => {
    expect(await choosePolicy(source, ent(null, 'gold'))).toEqual({ policy: policies[1], reason: 'tier' });
    expect(await choosePolicy(source, ent('gone', 'gold'))).toEqual({ policy: policies[1], reason: 'tier' });
  });

  it('falls back to the default without an entitlement or with an unserved tier', async () => {
    expect(await choosePolicy(source, null)).toEqual({ policy: policies[0], reason: 'default' });
    expect(await choosePolicy(source, ent(null, 'bronze'))).toEqual({ policy: policies[0], reason: 'default' });
  });
});
