import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateWorkflowRuleDto,
  DeleteWorkflowRuleDto,
  GetWorkflowRuleDto,
  ListWorkflowRulesDto,
  UpdateWorkflowRuleDto,
  WORKFLOW_RULE_CREATE_V1,
  WORKFLOW_RULE_DELETE_V1,
  WORKFLOW_RULE_GET_V1,
  WORKFLOW_RULE_LIST_V1,
  WORKFLOW_RULE_UPDATE_V1,
  type WorkflowRulePage,
  type WorkflowRuleView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { WorkflowRuleService } from './workflow-rule.service.js';

/** Rules are edited at run time by holders of `workflow.manage`. */
@Controller()
export class WorkflowRuleController {
  constructor(@Inject(WorkflowRuleService) private readonly rules: WorkflowRuleService) {}

  @MessagePattern(WORKFLOW_RULE_CREATE_V1)
  @RequirePermission('workflow.manage')
  create(@Payload('payload') dto: CreateWorkflowRuleDto, @CallContext() ctx: CallContext): Promise<WorkflowRuleView> {
    return this.rules.create(dto, ctx);
  }

  @MessagePattern(WORKFLOW_RULE_UPDATE_V1)
  @RequirePermission('workflow.manage')
  update(@Payload('payload') dto: UpdateWorkflowRuleDto, @CallContext() ctx: CallContext): Promise<WorkflowRuleView> {
    return this.rules.update(dto, ctx);
  }

  @MessagePattern(WORKFLOW_RULE_DELETE_V1)
  @RequirePermission('workflow.manage')
  delete(@Payload('payload') dto: DeleteWorkflowRuleDto, @CallContext() ctx: CallContext): Promise<WorkflowRuleView> {
    return this.rules.delete(dto, ctx);
  }

  @MessagePattern(WORKFLOW_RULE_GET_V1)
  @RequirePermission('workflow.manage')
  get(@Payload('payload') dto: GetWorkflowRuleDto): Promise<WorkflowRuleView> {
    return this.rules.get(dto.ruleId, dto.version);
  }

  @MessagePattern(WORKFLOW_RULE_LIST_V1)
  @RequirePermission('workflow.manage')
  list(@Payload('payload') dto: ListWorkflowRulesDto): Promise<WorkflowRulePage> {
    return this.rules.list(dto);
  }
}
