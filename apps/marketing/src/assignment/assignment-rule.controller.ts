import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ASSIGNMENT_RULE_CREATE_V1,
  ASSIGNMENT_RULE_DELETE_V1,
  ASSIGNMENT_RULE_GET_V1,
  ASSIGNMENT_RULE_LIST_V1,
  ASSIGNMENT_RULE_UPDATE_V1,
  CreateAssignmentRuleDto,
  DeleteAssignmentRuleDto,
  GetAssignmentRuleDto,
  ListAssignmentRulesDto,
  UpdateAssignmentRuleDto,
  type LeadAssignmentRulePage,
  type LeadAssignmentRuleView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { AssignmentRuleService } from './assignment-rule.service.js';

/** Assignment rules are configuration of leads: written with `lead.write`, read with `lead.read`. */
@Controller()
export class AssignmentRuleController {
  constructor(@Inject(AssignmentRuleService) private readonly rules: AssignmentRuleService) {}

  @MessagePattern(ASSIGNMENT_RULE_CREATE_V1)
  @RequirePermission('lead.write')
  create(@Payload('payload') dto: CreateAssignmentRuleDto, @CallContext() ctx: CallContext): Promise<LeadAssignmentRuleView> {
    return this.rules.create(dto, ctx);
  }

  @MessagePattern(ASSIGNMENT_RULE_UPDATE_V1)
  @RequirePermission('lead.write')
  update(@Payload('payload') dto: UpdateAssignmentRuleDto, @CallContext() ctx: CallContext): Promise<LeadAssignmentRuleView> {
    return this.rules.update(dto, ctx);
  }

  @MessagePattern(ASSIGNMENT_RULE_DELETE_V1)
  @RequirePermission('lead.write')
  delete(@Payload('payload') dto: DeleteAssignmentRuleDto, @CallContext() ctx: CallContext): Promise<LeadAssignmentRuleView> {
    return this.rules.delete(dto, ctx);
  }

  @MessagePattern(ASSIGNMENT_RULE_GET_V1)
  @RequirePermission('lead.read')
  get(@Payload('payload') dto: GetAssignmentRuleDto): Promise<LeadAssignmentRuleView> {
    return this.rules.get(dto.ruleId);
  }

  @MessagePattern(ASSIGNMENT_RULE_LIST_V1)
  @RequirePermission('lead.read')
  list(@Payload('payload') dto: ListAssignmentRulesDto): Promise<LeadAssignmentRulePage> {
    return this.rules.list(dto);
  }
}
