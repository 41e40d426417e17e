import { IsInt, IsUUID, Min } from 'class-validator';

export class ScoringRuleRefDto {
  @IsUUID()
  ruleId: string;
}

export class VersionedScoringRuleRefDto extends ScoringRuleRefDto {
  @IsInt()
  @Min(1)
  version: number;
}
