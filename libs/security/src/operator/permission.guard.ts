import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CrmError, ErrorCode, type Permission } from '@crm/contracts';
import type { Operator } from './operator.js';

/** Permissions a route needs, all of them (`@RequirePermissions(['audit.read'])`), keys of the registry. */
export const RequirePermissions = Reflector.createDecorator<Permission[]>();

/** Runs after OperatorAuthGuard; a route without the decorator is refused rather than left open. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride(RequirePermissions, [context.getHandler(), context.getClass()]);
    const operator = context.switchToHttp().getRequest<{ user?: Operator }>().user;
    if (!operator) throw new CrmError(ErrorCode.ActorInvalid);
    if (!required || required.length === 0) throw new CrmError(ErrorCode.Forbidden, 'route declares no permission');
    const missing = required.filter((p) => !operator.permissions.includes(p));
    if (missing.length > 0) throw new CrmError(ErrorCode.Forbidden, `permission required: ${missing.join(', ')}`);
    return true;
  }
}
