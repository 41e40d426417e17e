import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateScoringRuleDto,
  DeleteScoringRuleDto,
  GetScoringRuleDto,
  ListScoringRulesDto,
  RescoreStatusDto,
  SCORING_RULE_CREATE_V1,
  SCORING_RULE_DELETE_V1,
  SCORING_RULE_GET_V1,
  SCORING_RULE_LIST_V1,
  SCORING_RULE_RESCORE_STATUS_V1,
  SCORING_RULE_UPDATE_V1,
  UpdateScoringRuleDto,
  type RescoreStatusView,
  type ScoringRuleChange,
  type ScoringRulePage,
  type ScoringRuleView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { ScoringRuleService } from './scoring-rule.service.js';

/** Scoring rules are configuration of leads: written with `lead.write`, read with `lead.read`. */
@Controller()
export class ScoringRuleController {
  constructor(@Inject(ScoringRuleService) private readonly rules: ScoringRuleService) {}

  @MessagePattern(SCORING_RULE_CREATE_V1)
  @RequirePermission('lead.write')
  create(@Payload('payload') dto: CreateScoringRuleDto, @CallContext() ctx: CallContext): Promise<ScoringRuleChange> {
    return this.rules.create(dto, ctx);
  }

  @MessagePattern(SCORING_RULE_UPDATE_V1)
  @RequirePermission('lead.write')
  update(@Payload('payload') dto: UpdateScoringRuleDto, @CallContext() ctx: CallContext): Promise<ScoringRuleChange> {
    return this.rules.update(dto, ctx);
  }

  @MessagePattern(SCORING_RULE_DELETE_V1)
  @RequirePermission('lead.write')
  delete(@Payload('payload') dto: DeleteScoringRuleDto, @CallContext() ctx: CallContext): Promise<ScoringRuleChange> {
    return this.rules.delete(dto, ctx);
  }

  @MessagePattern(SCORING_RULE_GET_V1)
  @RequirePermission('lead.read')
  get(@Payload('payload') dto: GetScoringRuleDto): Promise<ScoringRuleView> {
    return this.rules.get(dto.ruleId);
  }

  @MessagePattern(SCORING_RULE_LIST_V1)
  @RequirePermission('lead.read')
  list(@Payload('payload') dto: ListScoringRulesDto): Promise<ScoringRulePage> {
    return this.rules.list(dto);
  }

  @MessagePattern(SCORING_RULE_RESCORE_STATUS_V1)
  @RequirePermission('lead.read')
  rescoreStatus(@Payload('payload') dto: RescoreStatusDto): Promise<RescoreStatusView> {
    return this.rules.rescoreStatus(dto.jobId);
  }
}
