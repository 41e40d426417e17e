import { Module } from '@nestjs/common';
import { InboxModule } from '@crm/inbox';
import { AnalysisController } from './analysis.controller.js';
import { AnalysisFeedService } from './analysis-feed.service.js';
import { AnalysisInbox } from './analysis.inbox.js';
import { AnalysisRepository } from './analysis.repository.js';
import { AnalysisService } from './analysis.service.js';

/**
 * Sales: business analysis. The opportunity events keep facts and a cube of sums through the inbox
 * (purpose `analysis`); the queries read the cube only.
 */
@Module({
  imports: [InboxModule.forFeature({ purpose: 'analysis', handlers: [AnalysisInbox] })],
  controllers: [AnalysisController],
  providers: [AnalysisRepository, AnalysisFeedService, AnalysisInbox, AnalysisService],
})
export class AnalysisModule {}
