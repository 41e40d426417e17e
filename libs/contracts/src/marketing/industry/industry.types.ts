/**
 * GB/T 4754-2017 industry reference data (国民经济行业分类) as marketing ships it: the 20 sections
 * (门类 A–T) and 97 divisions (大类 01–97). A code is a section letter (`I`) or the letter and the
 * division's two digits (`I65`); the bare digits (`65`) are accepted where a code is asked for and
 * mapped to their section.
 */
export const INDUSTRY_LEVELS = ['section', 'division'] as const;
export type IndustryLevel = (typeof INDUSTRY_LEVELS)[number];

export interface IndustryView {
  code: string;
  level: IndustryLevel;
  /** The section letter (a section's own code). */
  section: string;
  nameZh: string;
  nameEn: string;
}

export interface IndustrySectionView extends IndustryView {
  /** First and last division number of the section (`63`, `65`). */
  divisionRange: [string, string];
  divisions: IndustryView[];
}

/** `marketing.industry.list.v1`: the sections with their divisions, or (`flat`) the matching entries in code order. */
export interface IndustryListView {
  sections?: IndustrySectionView[];
  items?: IndustryView[];
}

/** One campaign type's leads in the industry (campaign leads only), best first. */
export interface CampaignTypePerformance {
  type: string;
  leads: number;
  convertedLeads: number;
  conversionRate: string | null;
  /** Won opportunities of the type's campaigns in the industry, closed in the period, in `currency`. */
  revenue: string;
}

export interface IndustryCompetitorFigures {
  competitorId: string;
  name: string | null;
  met: number;
  won: number;
  lost: number;
  winRate: string | null;
}

/**
 * `marketing.industry.profile.v1`: the company's own figures for one section or division (prefix
 * match on the stored codes) over `[from, to)`: leads and accounts by creation, opportunities won or
 * lost by closing. Rates are 4-place decimal strings, null when there is nothing to divide by;
 * money is summed in `currency` only (`otherCurrencyWon` counts the rest).
 */
export interface IndustryProfileView {
  industry: IndustryView;
  from: string | null;
  to: string | null;
  currency: string;
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
