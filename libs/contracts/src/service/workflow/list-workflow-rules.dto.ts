import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { WORKFLOW_TRIGGERS, WorkflowRulePageDto, type WorkflowTrigger } from './workflow.types.js';

export const WORKFLOW_RULE_LIST_V1 = 'service.workflow-rule.list.v1';

/** Newest first. */
export class ListWorkflowRulesDto extends WorkflowRulePageDto {
  @IsOptional()
  @IsIn(WORKFLOW_TRIGGERS)
  trigger?: WorkflowTrigger;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
