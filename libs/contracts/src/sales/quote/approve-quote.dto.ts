import { QuoteDecisionDto } from './quote-decision.dto.js';

export const QUOTE_APPROVE_V1 = 'sales.quote.approve.v1';

/** `pending_approval` → `approved`, by someone holding `quote.approve` who is not the quote's author. */
export class ApproveQuoteDto extends QuoteDecisionDto {}
