import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** Published on every create, edit or delete of a rule. */
export const WORKFLOW_RULE_CHANGED_V1 = 'service.workflow-rule.changed.v1';

export interface WorkflowRuleChangedData {
  ruleId: string;
  name: string;
  trigger: string;
  active: boolean;
  deleted: boolean;
  version: number;
}

/**
 * The SLA feature's events that trigger rules (`sla-warning`, `sla-breach`), consumed through the
 * inbox (purpose `workflow`). The SLA feature owns their contract; the workflow only validates
 * what it reads of them.
 */
export const WORKFLOW_SLA_WARNING_TRIGGER = 'service.case.sla-warning.v1';
export const WORKFLOW_SLA_BREACH_TRIGGER = 'service.case.sla-breached.v1';

export class SlaTriggerEventDto {
  @IsUUID()
  caseId: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  caseNo?: string;

  @IsIn(['response', 'resolution'])
  target: 'response' | 'resolution';

  @IsOptional()
  @IsISO8601()
  dueAt?: string;
}
