import { ScoringRuleRefDto } from './scoring-rule-ref.dto.js';

export const SCORING_RULE_GET_V1 = 'marketing.scoring-rule.get.v1';

export class GetScoringRuleDto extends ScoringRuleRefDto {}
