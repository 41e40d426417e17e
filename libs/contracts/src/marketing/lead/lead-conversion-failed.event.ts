import type { LeadConversionError } from './convert-lead.dto.js';

export const LEAD_CONVERSION_FAILED_V1 = 'marketing.lead.conversion-failed.v1';

/** Sales refused a conversion for good (e.g. 4220 on the account's fields); the lead is `qualified` again. */
export interface LeadConversionFailedData {
  leadId: string;
  error: LeadConversionError;
  ownerId: string | null;
  campaignId: string | null;
  version: number;
}
