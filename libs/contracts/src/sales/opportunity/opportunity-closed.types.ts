import type { OpportunityView } from './opportunity.types.js';

/** A product line of the opportunity's accepted quote: its net amount (after discounts, before tax). */
export interface OpportunityClosedLine {
  productId: string;
  amount: string;
}

/**
 * `won`/`lost` events: the opportunity after closing, why, to which competitor (lost), and the
 * net amounts per line of its latest accepted quote (`[]` when it has none). Marketing reads
 * `amount`, `campaignId` and `competitorIds`.
 */
export interface OpportunityClosedData extends OpportunityView {
  reason: string | null;
  competitorId: string | null;
  lines: OpportunityClosedLine[];
}
