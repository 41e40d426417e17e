import { Decimal, formatMoney, money, type CampaignFigures } from '@crm/contracts';

/** A campaign's raw figures as the repository sums them (DECIMAL sums as strings). */
export interface RawFigures {
  cost: string | number;
  revenue: string | number;
  leads: number;
  convertedLeads: number;
  wonOpportunities: number;
}

export const NO_FIGURES: RawFigures = { cost: '0', revenue: '0', leads: 0, convertedLeads: 0, wonOpportunities: 0 };

/**
 * Return on investment: (revenue − cost) / cost, rounded half-up to 4 places ("0.2500" is 25 %).
 * Null while nothing was spent: a ratio over zero cost means nothing.
 */
export function roi(revenue: Decimal, cost: Decimal): string | null {
  if (cost.isZero()) return null;
  const r = revenue.minus(cost).dividedBy(cost).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
  return r === '-0.0000' ? '0.0000' : r;
}

export function toFigures(f: RawFigures): CampaignFigures {
  const cost = money(f.cost);
  const revenue = money(f.revenue);
  return {
    actualCost: formatMoney(cost),
    actualRevenue: formatMoney(revenue),
    leads: Number(f.leads),
    convertedLeads: Number(f.convertedLeads),
    wonOpportunities: Number(f.wonOpportunities),
    roi: roi(revenue, cost),
  };
}

/** Several campaigns' figures together (a rollup). */
export function addFigures(all: readonly RawFigures[]): RawFigures {
  return {
    cost: all.reduce((s, f) => s.plus(money(f.cost)), money(0)).toFixed(2),
    revenue: all.reduce((s, f) => s.plus(money(f.revenue)), money(0)).toFixed(2),
    leads: all.reduce((s, f) => s + Number(f.leads), 0),
    convertedLeads: all.reduce((s, f) => s + Number(f.convertedLeads), 0),
    wonOpportunities: all.reduce((s, f) => s + Number(f.wonOpportunities), 0),
  };
}
