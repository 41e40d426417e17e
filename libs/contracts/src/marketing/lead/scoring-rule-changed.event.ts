import type { ScoringRuleView } from './scoring-rule.types.js';

/** Published when a scoring rule was created, changed or deleted (the rule as it was last). */
export const SCORING_RULE_CHANGED_V1 = 'marketing.scoring-rule.changed.v1';
export interface ScoringRuleChangedData {
  action: 'created' | 'updated' | 'deleted';
  rule: ScoringRuleView;
  rescoreJobId: string;
}
