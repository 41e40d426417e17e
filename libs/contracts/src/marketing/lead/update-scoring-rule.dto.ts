import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ScoringRuleFieldsDto } from './scoring-rule.types.js';

export const SCORING_RULE_UPDATE_V1 = 'marketing.scoring-rule.update.v1';

/** Changes a rule as of `version` (stale → 4090); `when` or `engagement` replaces the rule's condition. Starts re-scoring. */
export class UpdateScoringRuleDto extends ScoringRuleFieldsDto {
  @IsUUID()
  ruleId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}
