import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { CrmError, ErrorCode, type Permission, type ScopeGrant } from '@crm/contracts';
import { actorOf, requestIdOfKey, requestKeyOf } from '@crm/messaging';

/** Where the guard leaves what it verified about the employee, next to VERIFIED_ACTOR. */
export const VERIFIED_ACCESS = Symbol('crm.verifiedAccess');

export interface VerifiedAccess {
  permissions: readonly string[];
  /** The data scope in the called app; null in apps without one (auth, audit). */
  scope: ScopeGrant | null;
}

/**
 * Everything a handler knows about who calls, besides the validated payload: the verified system
 * caller, the employee behind it (null when a system acts on its own, e.g. EOMS), how to recognise a
 * redelivery (`requestKey`) and the call log's `requestId`, the employee's data scope in this app
 * and the permissions they hold now. Built only from what the shared guard and the transport put on
 * the message, so nothing in it comes from the caller unchecked.
 */
export interface CallContext {
  caller: string;
  employeeId: string | null;
  requestKey: string | null;
  requestId: string | null;
  scope: ScopeGrant | null;
  permissions: readonly string[];
}

export function callContextOf(data: Record<string | symbol, unknown>): CallContext {
  const caller = typeof data.caller === 'string' ? data.caller : '';
  const requestKey = requestKeyOf(data);
  const access = data[VERIFIED_ACCESS] as VerifiedAccess | undefined;
  return {
    caller,
    employeeId: actorOf(data),
    requestKey,
    requestId: requestIdOfKey(requestKey, caller),
    scope: access?.scope ?? null,
    permissions: access?.permissions ?? [],
  };
}

/** Handler parameter: `@CallContext() ctx: CallContext`. */
export const CallContext = createParamDecorator((_: unknown, ctx: ExecutionContext): CallContext =>
  callContextOf(ctx.switchToRpc().getData<Record<string | symbol, unknown>>()),
);

export function holds(ctx: Pick<CallContext, 'permissions'>, permission: Permission): boolean {
  return ctx.permissions.includes(permission);
}

/** The acting employee; 4010 when the call carries none (a handler that needs one declares a permission). */
export function actingEmployee(ctx: Pick<CallContext, 'employeeId'>): string {
  if (!ctx.employeeId) throw new CrmError(ErrorCode.ActorInvalid, 'an employee actor is required');
  return ctx.employeeId;
}

/** The context of a system acting on its own (no employee): scheduled jobs, event consumers, tests. */
export function systemContext(caller: string, requestKey: string | null = null): CallContext {
  return { caller, employeeId: null, requestKey, requestId: requestIdOfKey(requestKey, caller), scope: null, permissions: [] };
}
