import { formatMoney, money, type PlanCreatedData, type PlanTargets, type PlanView } from '@crm/contracts';
import type { MarketPlanEntity } from './plan.entity.js';

/** Targets as stored and shown: only those set, money with 2 places. */
export function normaliseTargets(t: PlanTargets): PlanTargets {
  const out: PlanTargets = {};
  if (t.leads !== undefined) out.leads = t.leads;
  if (t.convertedLeads !== undefined) out.convertedLeads = t.convertedLeads;
  if (t.opportunities !== undefined) out.opportunities = t.opportunities;
  if (t.wonRevenue !== undefined) out.wonRevenue = formatMoney(money(t.wonRevenue));
  if (t.newAccounts !== undefined) out.newAccounts = t.newAccounts;
  if (t.winRate !== undefined) out.winRate = t.winRate;
  return out;
}

export function toPlanEventData(p: MarketPlanEntity): PlanCreatedData {
  return {
    planId: p.id,
    name: p.name,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    territoryId: p.territoryId,
    regionPrefix: p.regionPrefix,
    segment: p.segment,
    industryCode: p.industryCode,
    productIds: p.productIds,
    currency: p.currency,
    targets: p.targets,
    description: p.description,
    ownerId: p.ownerId,
    version: p.version,
  };
}

export function toPlanView(p: MarketPlanEntity): PlanView {
  return { ...toPlanEventData(p), createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}
