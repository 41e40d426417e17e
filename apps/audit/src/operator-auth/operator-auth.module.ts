import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { OperatorActionRecorder } from './operator-action.recorder.js';
import { OperatorAuthGuard } from './operator-auth.guard.js';
import { OperatorJwtStrategy } from './operator-jwt.strategy.js';
import { PermissionGuard } from './permission.guard.js';

/** Operator (employee) authentication for the audit HTTP endpoints (SPEC §4.3). */
@Module({
  imports: [PassportModule],
  providers: [OperatorJwtStrategy, OperatorAuthGuard, PermissionGuard, OperatorActionRecorder],
  exports: [OperatorAuthGuard, PermissionGuard, OperatorActionRecorder],
})
export class OperatorAuthModule {}
