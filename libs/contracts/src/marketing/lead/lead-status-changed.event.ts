import type { LeadStatus } from './lead.types.js';

/** Published on every status change of a lead (by a transition or a merge). */
export const LEAD_STATUS_CHANGED_V1 = 'marketing.lead.status-changed.v1';
export interface LeadStatusChangedData {
  leadId: string;
  from: LeadStatus;
  to: LeadStatus;
  reason: string | null;
  ownerId: string | null;
  campaignId: string | null;
  version: number;
}
