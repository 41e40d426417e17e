import type { EntitlementTier } from './asset.types.js';

/**
 * Published once per contract when its activation became assets and an entitlement (also when the
 * first event service saw of the contract was its termination or expiry).
 */
export const ENTITLEMENT_GRANTED_V1 = 'service.entitlement.granted.v1';
export interface EntitlementGrantedData {
  entitlementId: string;
  accountId: string;
  contractId: string;
  contractNo: string;
  tier: EntitlementTier | null;
  slaPolicyId: string | null;
  validFrom: string;
  validTo: string | null;
  assetIds: string[];
}
