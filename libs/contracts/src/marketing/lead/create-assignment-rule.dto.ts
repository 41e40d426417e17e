import { AssignmentRuleNameDto } from './assignment-rule.types.js';

export const ASSIGNMENT_RULE_CREATE_V1 = 'marketing.assignment-rule.create.v1';

/** `strategy` is required; `fixed` needs `ownerId`, the others `members` (4220 otherwise). */
export class CreateAssignmentRuleDto extends AssignmentRuleNameDto {}
