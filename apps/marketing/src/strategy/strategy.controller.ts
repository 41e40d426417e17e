import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EvaluateStrategyDto, STRATEGY_EVALUATE_V1, type StrategyEvaluationView } from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { StrategyService } from './strategy.service.js';

@Controller()
export class StrategyController {
  constructor(@Inject(StrategyService) private readonly strategies: StrategyService) {}

  @MessagePattern(STRATEGY_EVALUATE_V1)
  @RequirePermission('campaign.read')
  evaluate(@Payload('payload') dto: EvaluateStrategyDto, @CallContext() ctx: CallContext): Promise<StrategyEvaluationView> {
    return this.strategies.evaluate(dto, ctx);
  }
}
