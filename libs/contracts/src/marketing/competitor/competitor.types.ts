/**
 * Competitors (SPEC §6.1 `marketing.competitor.*`): a profile with SWOT lists, the products they sell
 * with their prices, and the segments and industries they are strong in; win/loss against each
 * one comes from the sales opportunities marketing keeps (`sales_opportunity_fact`).
 * docs/marketing/competitors-industry-documents.md walks through it.
 */

/** One product a competitor sells; `price` is money (2 places) in `currency`. */
export interface CompetitorProduct {
  name: string;
  price: string;
  currency: string;
  /** What one price buys (`month`, `seat`, `GB`…). */
  unit: string | null;
  notes: string | null;
}

export interface CompetitorView {
  competitorId: string;
  name: string;
  website: string | null;
  description: string | null;
  strengths: string[];
  weaknesses: string[];
  opportunities: string[];
  threats: string[];
  products: CompetitorProduct[];
  /** Customer segments they are strong in (`enterprise`, `sme`…). */
  segments: string[];
  /** GB/T 4754-2017 codes they are strong in (`I`, `I65`). */
  industries: string[];
  ownerId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CompetitorPage {
  items: CompetitorView[];
  nextCursor: string | null;
}

/**
 * Win/loss against one competitor over a period. `met` counts opportunities created in the period
 * that name it among their competitors; `won`, `lost` and `lostTo` count opportunities closed in the
 * period that named it (or were lost to it). `winRate` = won / (won + lost), 4 places, null when
 * nothing closed. `amountLost` sums the opportunities lost *to it* in `currency`; opportunities in
 * another currency are counted but not summed (`otherCurrencyLost`).
 */
export interface CompetitorWinLoss {
  competitorId: string;
  name: string;
  met: number;
  won: number;
  lost: number;
  lostTo: number;
  winRate: string | null;
  amountLost: string;
  currency: string;
  otherCurrencyLost: number;
}

export interface CompetitorAnalysisView {
  from: string | null;
  to: string | null;
  currency: string;
  items: CompetitorWinLoss[];
}
