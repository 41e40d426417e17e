import type { LeadSource } from './lead.types.js';
import type { LeadEventView } from './lead-events.types.js';

/**
 * Published for every capture: a new lead (`duplicate: false`) or a touch recorded on an open lead
 * with the same phone or e-mail (`duplicate: true`; `lead` is then that lead after the touch).
 */
export const LEAD_CAPTURED_V1 = 'marketing.lead.captured.v1';
export interface LeadCapturedData {
  leadId: string;
  duplicate: boolean;
  /** The touch's own channel and campaign (may differ from the lead's first ones on a duplicate). */
  source: LeadSource;
  campaignId: string | null;
  touchedAt: string;
  lead: LeadEventView;
}
