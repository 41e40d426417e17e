import { Module } from '@nestjs/common';
import { InboxModule } from '@crm/inbox';
import { RecommendationController } from './recommendation.controller.js';
import { RecommendationProfileInbox } from './recommendation.inbox.js';
import { RecommendationRepository } from './recommendation.repository.js';
import { RecommendationService } from './recommendation.service.js';

/** Service: product and service recommendations per account. */
@Module({
  imports: [InboxModule.forFeature({ purpose: 'recommendation-profiles', handlers: [RecommendationProfileInbox] })],
  controllers: [RecommendationController],
  providers: [RecommendationRepository, RecommendationService, RecommendationProfileInbox],
})
export class RecommendationModule {}
