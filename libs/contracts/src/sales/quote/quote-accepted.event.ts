import type { QuoteAcceptedData } from './quote-events.types.js';

/** Published when the customer accepted a quote: its lines with net amounts (contracts start from it). */
export const QUOTE_ACCEPTED_V1 = 'sales.quote.accepted.v1';
export type { QuoteAcceptedData };
