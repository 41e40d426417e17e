/** Published when a lead's owner changed: at capture by a rule, or by hand. */
export const LEAD_ASSIGNED_V1 = 'marketing.lead.assigned.v1';
export interface LeadAssignedData {
  leadId: string;
  ownerId: string | null;
  previousOwnerId: string | null;
  /** `rule` at capture (with the rule and its strategy), `manual` through `marketing.lead.assign.v1`. */
  by: 'rule' | 'manual';
  ruleId: string | null;
  strategy: string | null;
  reason: string | null;
  version: number;
}
