import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { WorkorderController } from './workorder.controller.js';
import { WorkorderService } from './workorder.service.js';

@Module({
  imports: [OutboxModule],
  controllers: [WorkorderController],
  providers: [WorkorderService],
})
export class WorkorderModule {}
