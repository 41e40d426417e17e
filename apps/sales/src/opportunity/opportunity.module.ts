import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { OpportunityController } from './opportunity.controller.js';
import { OpportunityRepository } from './opportunity.repository.js';
import { OpportunityService } from './opportunity.service.js';
import { PipelineController } from './pipeline.controller.js';
import { PipelineRepository } from './pipeline.repository.js';
import { PipelineService } from './pipeline.service.js';

/** Sales: pipelines and opportunities. */
@Module({
  imports: [OutboxModule],
  controllers: [PipelineController, OpportunityController],
  providers: [PipelineRepository, PipelineService, OpportunityRepository, OpportunityService],
  exports: [OpportunityService],
})
export class OpportunityModule {}
