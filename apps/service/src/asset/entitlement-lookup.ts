import type { EntityManager } from 'typeorm';

/** The entitlement that covers an account at a moment, and the SLA policy it chooses. */
export interface Entitlement {
  entitlementId: string;
  slaPolicyId: string | null;
  /** The customer tier it grants (e.g. `gold`), which SLA policies may target. */
  tier: string | null;
}

/** Entitlements made from activated sales contracts (AssetModule provides it to the whole app). */
export abstract class EntitlementLookup {
  abstract forAccount(m: EntityManager, accountId: string, at: Date): Promise<Entitlement | null>;
}
