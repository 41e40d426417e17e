import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RmqContext } from '@nestjs/microservices';
import { CrmError, ErrorCode, isScopedApp } from '@crm/contracts';
import { VERIFIED_ACTOR } from '@crm/messaging';
import { ActorVerifier, scopeIn } from './actor-verifier.js';
import { VERIFIED_ACCESS, type VerifiedAccess } from './call-context.js';
import { CallerVerifier } from './caller-verifier.js';
import { RequirePermission } from './require-permission.decorator.js';

/**
 * Runs before every RPC handler, pipe and interceptor (registered as APP_GUARD in each app).
 * It removes the password and the actor token from the message data so no handler, log or event
 * can see them, replaces `caller` by the verified name, and puts the verified employee ID under
 * VERIFIED_ACTOR and their permissions and data scope in the called app under VERIFIED_ACCESS (read
 * by `@CallContext()`). HTTP routes use passport guards instead.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    @Inject(CallerVerifier) private readonly verifier: CallerVerifier,
    @Inject(ActorVerifier) private readonly actors: ActorVerifier,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return true;
    const rpc = context.switchToRpc();
    const data = rpc.getData<Record<string | symbol, unknown>>();
    const rmq = rpc.getContext<RmqContext>();
    const password = data.password;
    const token = data.actor;
    delete data.password;
    delete data.actor;
    const source = (rmq.getMessage().properties as { userId?: string }).userId ?? null;
    const profile = await this.verifier.verify(data.caller, password, rmq.getPattern(), source);
    data.caller = profile.name;

    const required = this.reflector.getAllAndOverride(RequirePermission, [context.getHandler(), context.getClass()]);
    // A token that is sent is always checked, even where no permission is needed: a revoked
    // employee must not act through any pattern.
    if (token !== undefined && token !== null) {
      const actor = await this.actors.verifyToken(token);
      data[VERIFIED_ACTOR] = actor.employeeId;
      // Patterns are `<app>.…`: the called app, whose records the scope is about.
      const app = rmq.getPattern().split('.', 1)[0] ?? '';
      const access: VerifiedAccess = { permissions: actor.permissions, scope: isScopedApp(app) ? scopeIn(actor, app) : null };
      data[VERIFIED_ACCESS] = access;
      if (required && !actor.permissions.includes(required))
        throw new CrmError(ErrorCode.Forbidden, `employee lacks the permission ${required}`);
    } else if (required) {
      throw new CrmError(ErrorCode.ActorInvalid, `an actor token with the permission ${required} is required`);
    }
    return true;
  }
}
