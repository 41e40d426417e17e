import type { LeadEventView } from './lead-events.types.js';

/** Published when a lead's descriptive fields changed: the lead after the change, and which fields changed (names only). */
export const LEAD_UPDATED_V1 = 'marketing.lead.updated.v1';
export interface LeadUpdatedData extends LeadEventView {
  changedFields: string[];
}
