import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { QueueAssigner } from './queue-assigner.js';
import { QueueController } from './queue.controller.js';
import { QueueRepository } from './queue.repository.js';
import { QueueService } from './queue.service.js';

/** Service: queues, members, skills and assignment (the case feature routes and assigns through `QueueAssigner`). */
@Module({
  imports: [OutboxModule],
  controllers: [QueueController],
  providers: [QueueRepository, QueueService, QueueAssigner],
  exports: [QueueAssigner],
})
export class QueueModule {}
