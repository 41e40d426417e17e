import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { AccountDirectoryModule } from '../account-directory/account-directory.module.js';
import { WorkorderController } from './workorder.controller.js';
import { WorkorderService } from './workorder.service.js';

@Module({
  imports: [AccountDirectoryModule, OutboxModule],
  controllers: [WorkorderController],
  providers: [WorkorderService],
})
export class WorkorderModule {}
