import type { LeadAssignmentRuleView } from './assignment-rule.types.js';

/** Published when an assignment rule was created, changed or deleted (the rule as it was last). */
export const ASSIGNMENT_RULE_CHANGED_V1 = 'marketing.assignment-rule.changed.v1';
export interface AssignmentRuleChangedData {
  action: 'created' | 'updated' | 'deleted';
  rule: LeadAssignmentRuleView;
}
