import type { LeadAssignmentRuleView } from '@crm/contracts';
import type { AssignmentRuleRow } from './assignment-rule.repository.js';

export function toAssignmentRuleView(r: AssignmentRuleRow): LeadAssignmentRuleView {
  return {
    ruleId: r.id,
    name: r.name,
    priority: r.priority,
    enabled: r.enabled,
    when: r.conditions,
    strategy: r.strategy,
    ownerId: r.ownerId,
    members: r.members,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
