import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { CompetitorController } from './competitor.controller.js';
import { CompetitorRepository } from './competitor.repository.js';
import { CompetitorService } from './competitor.service.js';

/** Marketing: competitors and win/loss analysis. */
@Module({
  imports: [OutboxModule],
  controllers: [CompetitorController],
  providers: [CompetitorRepository, CompetitorService],
  exports: [CompetitorRepository],
})
export class CompetitorModule {}
