import { Decimal, formatMoney, money, type StrategyComparisonView, type StrategyGroupView } from '@crm/contracts';
import type { RawFigures } from '../campaign/campaign-figures.js';
import { roi } from '../campaign/campaign-figures.js';
import { twoProportionZTest, wilsonInterval } from './statistics.js';

/** The campaigns of one strategy or variant and their figures added up. */
export interface GroupFigures {
  group: string | null;
  campaignIds: string[];
  currency: string;
  figures: RawFigures;
}

const rate = (x: number) => new Decimal(x).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);

/** One group's view: counts, money with 2 places, rates with 4, the 95 % Wilson interval of its conversion rate. */
export function toGroupView(g: GroupFigures): StrategyGroupView {
  const leads = Number(g.figures.leads);
  const converted = Number(g.figures.convertedLeads);
  const cost = money(g.figures.cost);
  const revenue = money(g.figures.revenue);
  const ci = wilsonInterval(converted, leads);
  return {
    group: g.group,
    campaignIds: g.campaignIds,
    currency: g.currency,
    leads,
    cost: formatMoney(cost),
    costPerLead: leads > 0 ? formatMoney(cost.dividedBy(leads)) : null,
    converted,
    conversionRate: leads > 0 ? rate(converted / leads) : null,
    conversionRateCi95: ci ? { low: rate(ci.low), high: rate(ci.high) } : null,
    actualRevenue: formatMoney(revenue),
    roi: roi(revenue, cost),
  };
}

/** The two-proportion test of two groups' conversion rates (first minus second). */
export function compare(a: GroupFigures, b: GroupFigures): StrategyComparisonView {
  const t = twoProportionZTest(
    Number(a.figures.convertedLeads),
    Number(a.figures.leads),
    Number(b.figures.convertedLeads),
    Number(b.figures.leads),
  );
  return {
    groups: [a.group, b.group],
    difference: rate(t.difference),
    z: t.z === null ? null : t.z.toFixed(4),
    pValue: t.pValue === null ? null : t.pValue.toFixed(6),
    conclusive: t.conclusive,
    significant: t.conclusive && t.pValue !== null && t.pValue < 0.05,
    reason: t.reason,
  };
}

/** Groups ordered by label, campaigns without one last. */
export function byLabel(a: { group: string | null }, b: { group: string | null }): number {
  if (a.group === b.group) return 0;
  if (a.group === null) return 1;
  if (b.group === null) return -1;
  return a.group < b.group ? -1 : 1;
}
