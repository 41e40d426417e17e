import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

export const WORKFLOW_RULE_GET_V1 = 'service.workflow-rule.get.v1';
export const WORKFLOW_RULE_DELETE_V1 = 'service.workflow-rule.delete.v1';

/** `version` on get reads an older version of the rule. */
export class GetWorkflowRuleDto {
  @IsUUID('4')
  ruleId: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Deleting keeps the versions (history names them) and stops the rule for good. */
export class DeleteWorkflowRuleDto {
  @IsUUID('4')
  ruleId: string;

  @IsInt()
  @Min(1)
  version: number;
}
