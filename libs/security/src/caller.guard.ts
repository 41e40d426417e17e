import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { RmqContext } from '@nestjs/microservices';
import { CallerVerifier } from './caller-verifier.js';

/**
 * Runs before every RPC handler, pipe and interceptor (registered as APP_GUARD in each app).
 * It removes the password from the message data so no handler, log or event can see it, and
 * replaces `caller` by the verified name. HTTP routes use passport guards instead.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(@Inject(CallerVerifier) private readonly verifier: CallerVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return true;
    const rpc = context.switchToRpc();
    const data = rpc.getData<Record<string, unknown>>();
    const rmq = rpc.getContext<RmqContext>();
    const password = data.password;
    delete data.password;
    const source = (rmq.getMessage().properties as { userId?: string }).userId ?? null;
    const profile = await this.verifier.verify(data.caller, password, rmq.getPattern(), source);
    data.caller = profile.name;
    return true;
  }
}
