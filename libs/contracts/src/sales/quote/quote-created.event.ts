import type { QuoteChangedData } from './quote-events.types.js';

/** Published when a quote (revision 1) is created. */
export const QUOTE_CREATED_V1 = 'sales.quote.created.v1';
export type QuoteCreatedData = QuoteChangedData;
