import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { OperatorAuthGuard } from './operator-auth.guard.js';
import { OperatorJwtStrategy } from './operator-jwt.strategy.js';
import { PermissionGuard } from './permission.guard.js';

/**
 * Employee (operator) authentication for HTTP routes, shared by every app that serves them:
 * `@UseGuards(OperatorAuthGuard, PermissionGuard)` + `@RequirePermissions([...])` on a route,
 * `@CurrentOperator()` in the handler. The access-token check lives only in `OperatorJwtStrategy`.
 */
@Module({
  imports: [PassportModule],
  providers: [OperatorJwtStrategy, OperatorAuthGuard, PermissionGuard],
  exports: [OperatorAuthGuard, PermissionGuard],
})
export class OperatorGuardModule {}
