import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { AssignmentRuleFieldsDto } from './assignment-rule.types.js';

export const ASSIGNMENT_RULE_UPDATE_V1 = 'marketing.assignment-rule.update.v1';

/** Changes a rule as of `version` (stale → 4090). Leads already assigned keep their owner. */
export class UpdateAssignmentRuleDto extends AssignmentRuleFieldsDto {
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
