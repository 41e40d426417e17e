import { AssignmentRuleRefDto } from './assignment-rule-ref.dto.js';

export const ASSIGNMENT_RULE_GET_V1 = 'marketing.assignment-rule.get.v1';

export class GetAssignmentRuleDto extends AssignmentRuleRefDto {}
