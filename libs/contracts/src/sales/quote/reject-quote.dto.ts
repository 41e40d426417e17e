import { QuoteDecisionDto } from './quote-decision.dto.js';

export const QUOTE_REJECT_V1 = 'sales.quote.reject.v1';

/** `pending_approval` → `rejected`, by someone holding `quote.approve` who is not the quote's author. */
export class RejectQuoteDto extends QuoteDecisionDto {}
