import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { AccountDirectoryModule } from '../account-directory/account-directory.module.js';
import { WorkorderController } from './workorder.controller.js';
import { WorkorderRepository } from './workorder.repository.js';
import { WorkorderService } from './workorder.service.js';

@Module({
  imports: [AccountDirectoryModule, OutboxModule],
  controllers: [WorkorderController],
  providers: [WorkorderRepository, WorkorderService],
  // The case feature drives an order's stage and final replies from the case's progress.
  exports: [WorkorderService],
})
export class WorkorderModule {}
