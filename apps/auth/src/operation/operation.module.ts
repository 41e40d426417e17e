import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { OperationRecorder } from './operation-recorder.js';

@Module({
  imports: [OutboxModule],
  providers: [OperationRecorder],
  exports: [OperationRecorder],
})
export class OperationModule {}
