/** Published once when a contract's termination or expiry ended its entitlement and assets. */
export const ENTITLEMENT_ENDED_V1 = 'service.entitlement.ended.v1';
export interface EntitlementEndedData {
  entitlementId: string;
  accountId: string;
  contractId: string;
  reason: 'terminated' | 'expired';
  /** The last day covered (UTC, inclusive). */
  validTo: string | null;
}
