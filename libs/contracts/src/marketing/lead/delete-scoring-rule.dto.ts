import { VersionedScoringRuleRefDto } from './scoring-rule-ref.dto.js';

export const SCORING_RULE_DELETE_V1 = 'marketing.scoring-rule.delete.v1';

/** Deletes a rule as of `version`; starts re-scoring. */
export class DeleteScoringRuleDto extends VersionedScoringRuleRefDto {}
