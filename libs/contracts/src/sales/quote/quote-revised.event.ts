import type { QuoteChangedData } from './quote-events.types.js';

/** Published when a new revision replaced a quote (previousQuoteId names it). */
export const QUOTE_REVISED_V1 = 'sales.quote.revised.v1';
export type QuoteRevisedData = QuoteChangedData;
