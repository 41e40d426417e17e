import type { Entitlement } from '../asset/entitlement-lookup.js';

export type PolicyReason = 'entitlement' | 'tier' | 'default';

/** Where the clock finds policies (the repository, or a fake in tests). */
export interface PolicySource<P> {
  find(id: string): Promise<P | null>;
  findByTier(tier: string): Promise<P | null>;
  findDefault(): Promise<P | null>;
}

/**
 * The most specific policy wins: the one the entitlement names, else the one serving the
 * entitlement's customer tier, else the default. A policy id that no longer exists falls through.
 */
export async function choosePolicy<P>(
  source: PolicySource<P>,
  entitlement: Entitlement | null,
): Promise<{ policy: P; reason: PolicyReason } | null> {
  if (entitlement?.slaPolicyId) {
    const policy = await source.find(entitlement.slaPolicyId);
    if (policy) return { policy, reason: 'entitlement' };
  }
  if (entitlement?.tier) {
    const policy = await source.findByTier(entitlement.tier);
    if (policy) return { policy, reason: 'tier' };
  }
  const policy = await source.findDefault();
  return policy ? { policy, reason: 'default' } : null;
}
