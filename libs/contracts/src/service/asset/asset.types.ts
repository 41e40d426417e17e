/**
 * Assets and entitlements of the service app (SPEC §6.3), made from activated sales contracts
 * (`sales.contract.activated.v1`). Reads need `asset.read`; every holder of it reads every account's
 * assets (accounts have no owner in service: see docs/service/assets-and-recommendations.md).
 */
export const ASSET_STATUSES = ['active', 'ended'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** Entitlement tiers, lowest first: the lookup prefers the highest when several entitlements are valid. */
export const ENTITLEMENT_TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
export type EntitlementTier = (typeof ENTITLEMENT_TIERS)[number];

/** One contract line held by an account. No prices: service needs what is held, not what it cost. */
export interface AssetView {
  assetId: string;
  accountId: string;
  contractId: string;
  contractNo: string;
  lineNo: number;
  productId: string | null;
  sku: string;
  name: string;
  /** Decimal text, trailing zeros removed (`"12"`, `"1.5"`). */
  quantity: string;
  status: AssetStatus;
  /** First and last day held (`YYYY-MM-DD`, UTC days, inclusive); `endsOn` null for an open-ended term. */
  startsOn: string;
  endsOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AssetPage {
  items: AssetView[];
  nextCursor: string | null;
}

/** What a contract entitles its account to: validity (UTC days, inclusive), tier and SLA policy. */
export interface EntitlementView {
  entitlementId: string;
  accountId: string;
  contractId: string;
  contractNo: string;
  tier: EntitlementTier | null;
  slaPolicyId: string | null;
  validFrom: string;
  validTo: string | null;
  status: AssetStatus;
  /** Why it ended early or on time: `terminated` or `expired`; null while active. */
  endedReason: 'terminated' | 'expired' | null;
  createdAt: string;
  updatedAt: string;
}

export interface EntitlementPage {
  items: EntitlementView[];
  nextCursor: string | null;
}

/** `service.entitlement.check.v1`'s answer. */
export type EntitlementCheck =
  | {
      entitled: true;
      entitlementId: string;
      tier: EntitlementTier | null;
      slaPolicyId: string | null;
      validTo: string | null;
      contractId: string;
    }
  | { entitled: false; reason: string };

export const NO_ENTITLEMENT_REASON = 'no active entitlement for this account';
