import type { AssetView, EntitlementTier, EntitlementView } from '@crm/contracts';
import type { AssetRow, EntitlementRow } from './asset.repository.js';

/** `"12.000000"` → `"12"`, `"1.500000"` → `"1.5"`. */
export function quantityText(q: string): string {
  return q.includes('.') ? q.replace(/0+$/, '').replace(/\.$/, '') : q;
}

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toAssetView(a: AssetRow): AssetView {
  return {
    assetId: a.id,
    accountId: a.account_id,
    contractId: a.contract_id,
    contractNo: a.contract_no,
    lineNo: Number(a.line_no),
    productId: a.product_id,
    sku: a.sku,
    name: a.name,
    quantity: quantityText(String(a.quantity)),
    status: a.status,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
  };
}

export function toEntitlementView(e: EntitlementRow): EntitlementView {
  return {
    entitlementId: e.id,
    accountId: e.account_id,
    contractId: e.contract_id,
    contractNo: e.contract_no,
    tier: e.tier as EntitlementTier | null,
    slaPolicyId: e.sla_policy_id,
    validFrom: e.valid_from,
    validTo: e.valid_to,
    status: e.status,
    endedReason: e.ended_reason,
    createdAt: iso(e.created_at),
    updatedAt: iso(e.updated_at),
  };
}
