import { ScoringRuleNameDto } from './scoring-rule.types.js';

export const SCORING_RULE_CREATE_V1 = 'marketing.scoring-rule.create.v1';

/** A new rule (`points` required); starts re-scoring the open leads. */
export class CreateScoringRuleDto extends ScoringRuleNameDto {}
