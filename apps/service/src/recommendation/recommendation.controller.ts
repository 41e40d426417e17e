import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListRecommendationsDto, RECOMMENDATION_LIST_V1, type RecommendationList } from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { RecommendationService } from './recommendation.service.js';

/** Staff ask what to offer an account; reading what an account holds is `asset.read`. */
@Controller()
export class RecommendationController {
  constructor(@Inject(RecommendationService) private readonly recommendations: RecommendationService) {}

  @MessagePattern(RECOMMENDATION_LIST_V1)
  @RequirePermission('asset.read')
  list(@Payload('payload') dto: ListRecommendationsDto, @CallContext() ctx: CallContext): Promise<RecommendationList> {
    return this.recommendations.list(dto, ctx);
  }
}
