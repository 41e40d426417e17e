import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CrmError, ErrorCode } from '@crm/contracts';
import { OperatorAuthGuard } from './operator-auth.guard.js';
import { operatorFromClaims } from './operator-jwt.strategy.js';
import type { Operator } from './operator.js';
import { PermissionGuard, RequirePermissions } from './permission.guard.js';

class Routes {
  @RequirePermissions(['audit.read'])
  read() {}
  open() {}
}

function context(handler: keyof Routes, user?: Operator): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

function codeOf(fn: () => unknown): ErrorCode | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof CrmError ? e.code : undefined;
  }
  return undefined;
}

describe('operator authentication', () => {
  it('takes employee id and permissions from access-token claims', () => {
    expect(operatorFromClaims({ sub: 'E100001', perms: ['audit.read'], sv: 1 })).toEqual({
      employeeId: 'E100001',
      permissions: ['audit.read'],
    });
  });

  it.each([[null], [{}], [{ sub: '', perms: [] }], [{ sub: 'E1' }], [{ sub: 'E1', perms: 'audit.read' }], [{ sub: 'E1', perms: [1] }]])(
    'refuses claims %j',
    (claims) => {
      expect(operatorFromClaims(claims)).toBe(false);
    },
  );

  it('turns any passport failure into 4010', () => {
    const guard = new OperatorAuthGuard();
    expect(codeOf(() => guard.handleRequest(null, false))).toBe(ErrorCode.ActorInvalid);
    expect(codeOf(() => guard.handleRequest(new Error('jwt malformed'), false))).toBe(ErrorCode.ActorInvalid);
    const op = { employeeId: 'E1', permissions: [] };
    expect(guard.handleRequest(null, op)).toBe(op);
  });
});

describe('PermissionGuard', () => {
  const guard = new PermissionGuard(new Reflector());

  it('lets an operator with the permission through', () => {
    expect(guard.canActivate(context('read', { employeeId: 'E1', permissions: ['account.read', 'audit.read'] }))).toBe(true);
  });

  it('answers 4030 without the permission', () => {
    expect(codeOf(() => guard.canActivate(context('read', { employeeId: 'E1', permissions: ['audit.purge'] })))).toBe(ErrorCode.Forbidden);
  });

  it('answers 4010 when no operator was authenticated', () => {
    expect(codeOf(() => guard.canActivate(context('read')))).toBe(ErrorCode.ActorInvalid);
  });

  it('refuses a route that declares no permission rather than leaving it open', () => {
    expect(codeOf(() => guard.canActivate(context('open', { employeeId: 'E1', permissions: ['audit.read'] })))).toBe(ErrorCode.Forbidden);
  });
});
