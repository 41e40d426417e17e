import { IsInt, IsUUID, Min } from 'class-validator';

export class AssignmentRuleRefDto {
  @IsUUID()
  ruleId: string;
}

export class VersionedAssignmentRuleRefDto extends AssignmentRuleRefDto {
  @IsInt()
  @Min(1)
  version: number;
}
