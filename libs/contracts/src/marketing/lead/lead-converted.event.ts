export const LEAD_CONVERTED_V1 = 'marketing.lead.converted.v1';

/** A lead became `converted`: the account, contact and opportunity it produced in sales. */
export interface LeadConvertedData {
  leadId: string;
  accountId: string;
  contactId: string;
  opportunityId: string;
  campaignId: string | null;
  ownerId: string | null;
  linkedExisting: boolean;
  convertedAt: string;
  version: number;
}
