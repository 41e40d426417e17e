import type { QuoteChangedData } from './quote-events.types.js';

/** Published when a pending quote was approved. */
export const QUOTE_APPROVED_V1 = 'sales.quote.approved.v1';
export type QuoteApprovedData = QuoteChangedData;
