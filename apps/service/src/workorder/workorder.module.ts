import { Module } from '@nestjs/common';
import { AccountDirectoryModule } from '../account-directory/account-directory.module.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';
import { WorkorderController } from './workorder.controller.js';
import { WorkorderService } from './workorder.service.js';

@Module({
  imports: [AccountDirectoryModule],
  controllers: [WorkorderController],
  providers: [WorkorderService, OutboxRelay],
})
export class WorkorderModule {}
