import { Module } from '@nestjs/common';
import { OperatorGuardModule } from '@crm/security';
import { OperatorActionRecorder } from './operator-action.recorder.js';

/** Operator (employee) authentication for the audit HTTP endpoints (SPEC §4.3); the guards live in @crm/security. */
@Module({
  imports: [OperatorGuardModule],
  providers: [OperatorActionRecorder],
  exports: [OperatorGuardModule, OperatorActionRecorder],
})
export class OperatorAuthModule {}
