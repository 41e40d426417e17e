import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { OperatorGuardModule } from '@crm/security';
import { OperatorActionRecorder } from './operator-action.recorder.js';

/** Operator (employee) authentication for the audit HTTP endpoints (SPEC §4.3); the guards live in @crm/security. */
@Module({
  imports: [OperatorGuardModule, OutboxModule],
  providers: [OperatorActionRecorder],
  exports: [OperatorGuardModule, OperatorActionRecorder],
})
export class OperatorAuthModule {}
