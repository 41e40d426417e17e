/** Sales: applying marketing's lead conversions (issue 10 item 4). One file per message beside this barrel. */
import { SALES_LEAD_CONVERTED_V1, type SalesLeadConvertedData } from './lead-converted.event.js';

export * from './lead-conversion.types.js';
export * from './apply-lead-conversion.dto.js';
export * from './lead-converted.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface LeadConversionEventPayloads {
  [SALES_LEAD_CONVERTED_V1]: SalesLeadConvertedData;
}
