import { IsBoolean, IsOptional } from 'class-validator';
import { PageFieldsDto } from './lead-ref.dto.js';

export const SCORING_RULE_LIST_V1 = 'marketing.scoring-rule.list.v1';

/** Newest first. */
export class ListScoringRulesDto extends PageFieldsDto {
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
