import type { QuoteView } from './quote.types.js';

/** created / revised / approved / rejected: the quote as it is after the change (lines included). */
export type QuoteChangedData = QuoteView;

/** One line of an accepted quote, as contracts and analysis need it. */
export interface QuoteAcceptedLine {
  lineNo: number;
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  configuration: Record<string, string | number | boolean>;
  netAmount: string;
  taxAmount: string;
}

export interface QuoteAcceptedData extends Omit<QuoteView, 'lines'> {
  lines: QuoteAcceptedLine[];
  /** The opportunity's other quotes this acceptance superseded. */
  supersededQuoteIds: string[];
}
