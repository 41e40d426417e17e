import { Module } from '@nestjs/common';
import { ActiveWorkflowRules } from './active-workflow-rules.js';
import { WorkflowRuleRepository } from './workflow-rule.repository.js';

/**
 * The rule store the case feature evaluates (no dependency on cases, so CaseModule can import it
 * and WorkflowModule — which needs cases for its SLA triggers — can import CaseModule).
 */
@Module({ providers: [WorkflowRuleRepository, ActiveWorkflowRules], exports: [WorkflowRuleRepository, ActiveWorkflowRules] })
export class WorkflowRulesModule {}
