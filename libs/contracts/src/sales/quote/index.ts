/** The sales app's quote contracts: one file per message beside this barrel. */
import { QUOTE_ACCEPTED_V1 } from './quote-accepted.event.js';
import { QUOTE_APPROVED_V1, type QuoteApprovedData } from './quote-approved.event.js';
import { QUOTE_CREATED_V1, type QuoteCreatedData } from './quote-created.event.js';
import type { QuoteAcceptedData } from './quote-events.types.js';
import { QUOTE_REJECTED_V1, type QuoteRejectedData } from './quote-rejected.event.js';
import { QUOTE_REVISED_V1, type QuoteRevisedData } from './quote-revised.event.js';

export * from './quote.types.js';
export * from './quote-decision.dto.js';
export * from './create-quote.dto.js';
export * from './price-quote.dto.js';
export * from './revise-quote.dto.js';
export * from './approve-quote.dto.js';
export * from './reject-quote.dto.js';
export * from './accept-quote.dto.js';
export * from './get-quote.dto.js';
export * from './list-quotes.dto.js';
export * from './quote-document.dto.js';
export * from './quote-events.types.js';
export * from './quote-created.event.js';
export * from './quote-revised.event.js';
export * from './quote-approved.event.js';
export * from './quote-rejected.event.js';
export { QUOTE_ACCEPTED_V1 } from './quote-accepted.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface QuoteEventPayloads {
  [QUOTE_CREATED_V1]: QuoteCreatedData;
  [QUOTE_REVISED_V1]: QuoteRevisedData;
  [QUOTE_APPROVED_V1]: QuoteApprovedData;
  [QUOTE_REJECTED_V1]: QuoteRejectedData;
  [QUOTE_ACCEPTED_V1]: QuoteAcceptedData;
}
