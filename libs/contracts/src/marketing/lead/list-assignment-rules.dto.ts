import { PageFieldsDto } from './lead-ref.dto.js';

export const ASSIGNMENT_RULE_LIST_V1 = 'marketing.assignment-rule.list.v1';

/** In the order rules are tried: by priority. */
export class ListAssignmentRulesDto extends PageFieldsDto {}
