import { ENTITLEMENT_TIERS, type EntitlementTier } from '@crm/contracts';

/** One row of `entitlement_policy`: lines whose sku starts with `skuPrefix` grant `tier` (and `slaPolicyId`). */
export interface EntitlementPolicyRule {
  skuPrefix: string;
  tier: EntitlementTier;
  slaPolicyId: string | null;
}

export interface EntitlementTerms {
  tier: EntitlementTier;
  slaPolicyId: string | null;
}

/** A contract none of whose lines the mapping names is still an entitlement: the lowest tier, no policy. */
export const DEFAULT_TERMS: EntitlementTerms = { tier: 'standard', slaPolicyId: null };

export const tierRank = (tier: string | null): number => (tier === null ? -1 : ENTITLEMENT_TIERS.indexOf(tier as EntitlementTier));

/**
 * The tier and SLA policy a contract's lines grant: each line takes the rule with the longest
 * matching `skuPrefix`; the contract takes the highest tier among its lines; between lines of that
 * tier, a rule naming a policy wins over one that does not, then the longer prefix (more specific).
 * Without any match: `standard`, no policy (the SLA feature then chooses by tier alone).
 */
export function entitlementTerms(skus: readonly string[], rules: readonly EntitlementPolicyRule[]): EntitlementTerms {
  let best: EntitlementPolicyRule | null = null;
  for (const sku of skus) {
    let match: EntitlementPolicyRule | null = null;
    for (const r of rules) if (sku.startsWith(r.skuPrefix) && (!match || r.skuPrefix.length > match.skuPrefix.length)) match = r;
    if (match && (!best || better(match, best))) best = match;
  }
  return best ? { tier: best.tier, slaPolicyId: best.slaPolicyId } : DEFAULT_TERMS;
}

function better(a: EntitlementPolicyRule, b: EntitlementPolicyRule): boolean {
  if (tierRank(a.tier) !== tierRank(b.tier)) return tierRank(a.tier) > tierRank(b.tier);
  if ((a.slaPolicyId !== null) !== (b.slaPolicyId !== null)) return a.slaPolicyId !== null;
  return a.skuPrefix.length > b.skuPrefix.length;
}

/** `YYYY-MM-DD` of the day before `day` (a termination's effective day is the first day not covered). */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The UTC calendar day of a moment. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
