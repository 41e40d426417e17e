import { Decimal, formatMoney, type CampaignTypePerformance, type IndustryCompetitorFigures } from '@crm/contracts';
import { inPeriod, ratio, tallyWinLoss, type OpportunityFact, type Period } from '../competitor/win-loss.js';

/** Leads of the industry created in the period, grouped by their campaign's type (null: no campaign). */
export interface LeadGroup {
  campaignType: string | null;
  leads: number;
  converted: number;
}

export type IndustryFact = OpportunityFact & { campaignType: string | null };

export interface ProfileInput {
  accounts: number;
  leadGroups: LeadGroup[];
  facts: IndustryFact[];
  period: Period;
  currency: string;
  competitorNames: Map<string, string>;
}

export interface ProfileFigures {
  accounts: number;
  leads: number;
  convertedLeads: number;
  conversionRate: string | null;
  won: number;
  lost: number;
  winRate: string | null;
  wonRevenue: string;
  averageWonDeal: string | null;
  otherCurrencyWon: number;
  competitors: IndustryCompetitorFigures[];
  campaignTypes: CampaignTypePerformance[];
}

/**
 * The arithmetic of an industry profile (SPEC §6.1): conversion = converted / leads; win rate =
 * won / (won + lost) of opportunities closed in the period; average won deal = won revenue / won
 * deals in the profile's currency (half-up to the cent); per competitor the win/loss of
 * `tallyWinLoss`, most met first; campaign types by conversion rate, ties by revenue, then name.
 */
export function industryProfileFigures(input: ProfileInput): ProfileFigures {
  const { period, currency } = input;
  let leads = 0;
  let convertedLeads = 0;
  const types = new Map<string, { leads: number; converted: number; revenue: Decimal }>();
  const typeOf = (t: string) => types.get(t) ?? types.set(t, { leads: 0, converted: 0, revenue: new Decimal(0) }).get(t)!;
  for (const g of input.leadGroups) {
    leads += g.leads;
    convertedLeads += g.converted;
    if (g.campaignType !== null) {
      const t = typeOf(g.campaignType);
      t.leads += g.leads;
      t.converted += g.converted;
    }
  }
  let won = 0;
  let lost = 0;
  let wonInCurrency = 0;
  let otherCurrencyWon = 0;
  let wonRevenue = new Decimal(0);
  for (const f of input.facts) {
    if (f.status === 'open' || !inPeriod(f.closedAt, period)) continue;
    if (f.status === 'lost') {
      lost++;
      continue;
    }
    won++;
    if (f.currency !== currency) {
      otherCurrencyWon++;
      continue;
    }
    wonInCurrency++;
    wonRevenue = wonRevenue.plus(f.amount);
    if (f.campaignType !== null) typeOf(f.campaignType).revenue = typeOf(f.campaignType).revenue.plus(f.amount);
  }
  const competitors = [...tallyWinLoss(input.facts, period, currency)]
    .map(([competitorId, t]) => ({
      competitorId,
      name: input.competitorNames.get(competitorId) ?? null,
      met: t.met,
      won: t.won,
      lost: t.lost,
      winRate: ratio(t.won, t.won + t.lost),
    }))
    .sort((a, b) => b.met - a.met || b.won + b.lost - (a.won + a.lost) || a.competitorId.localeCompare(b.competitorId));
  const campaignTypes = [...types]
    .map(([type, t]) => ({ type, leads: t.leads, convertedLeads: t.converted, rate: ratio(t.converted, t.leads), revenue: t.revenue }))
    .sort((a, b) => compareRate(b.rate, a.rate) || b.revenue.comparedTo(a.revenue) || a.type.localeCompare(b.type))
    .map(({ rate, revenue, ...t }) => ({ ...t, conversionRate: rate, revenue: formatMoney(revenue) }));
  return {
    accounts: input.accounts,
    leads,
    convertedLeads,
    conversionRate: ratio(convertedLeads, leads),
    won,
    lost,
    winRate: ratio(won, won + lost),
    wonRevenue: formatMoney(wonRevenue),
    averageWonDeal: wonInCurrency === 0 ? null : formatMoney(wonRevenue.div(wonInCurrency)),
    otherCurrencyWon,
    competitors,
    campaignTypes,
  };
}

/** Rates compare as decimals; no rate (no leads) ranks last. */
function compareRate(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return new Decimal(a).comparedTo(b);
}
