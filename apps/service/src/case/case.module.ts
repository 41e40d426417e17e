import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { QueueModule } from '../queue/queue.module.js';
import { WorkflowRulesModule } from '../workflow/workflow-rules.module.js';
import { CaseController } from './case.controller.js';
import { CaseRepository } from './case.repository.js';
import { CaseService } from './case.service.js';

/** Service: cases and complaints: state machine, history, merge, master/child, queues and rules applied. */
@Module({
  imports: [OutboxModule, QueueModule, WorkflowRulesModule],
  controllers: [CaseController],
  providers: [CaseRepository, CaseService],
  exports: [CaseService],
})
export class CaseModule {}
