import type { LeadEventView } from './lead-events.types.js';

/** Published when duplicates were merged into a surviving lead. */
export const LEAD_MERGED_V1 = 'marketing.lead.merged.v1';
export interface LeadMergedData {
  leadId: string;
  mergedIds: string[];
  movedTouches: number;
  movedHistory: number;
  lead: LeadEventView;
}
