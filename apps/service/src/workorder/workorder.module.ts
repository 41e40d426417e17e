import { Module } from '@nestjs/common';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';
import { WorkorderController } from './workorder.controller.js';
import { WorkorderService } from './workorder.service.js';

@Module({
  controllers: [WorkorderController],
  providers: [WorkorderService, OutboxRelay],
})
export class WorkorderModule {}
