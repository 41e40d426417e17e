import { VersionedAssignmentRuleRefDto } from './assignment-rule-ref.dto.js';

export const ASSIGNMENT_RULE_DELETE_V1 = 'marketing.assignment-rule.delete.v1';

export class DeleteAssignmentRuleDto extends VersionedAssignmentRuleRefDto {}
