import type { QuoteChangedData } from './quote-events.types.js';

/** Published when a pending quote was rejected. */
export const QUOTE_REJECTED_V1 = 'sales.quote.rejected.v1';
export type QuoteRejectedData = QuoteChangedData;
