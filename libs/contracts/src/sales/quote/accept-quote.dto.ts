import { QuoteDecisionDto } from './quote-decision.dto.js';

export const QUOTE_ACCEPT_V1 = 'sales.quote.accept.v1';

/**
 * The customer accepted the quote: `approved` → `accepted` (4090 from any other status or past
 * `validUntil`); the opportunity's other quotes become `superseded`.
 */
export class AcceptQuoteDto extends QuoteDecisionDto {}
