import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { CrmError, ErrorCode, type CallerProfile, type EmployeeSessionState } from '@crm/contracts';
import { actorOf, REQUEST_KEY } from '@crm/messaging';
import { callContextOf } from './call-context.js';
import { ACCESS_TOKEN_ISSUER } from './access-token.js';
import { ActorDirectory } from './actor-directory.js';
import { ActorVerifier } from './actor-verifier.js';
import { CallerDirectory } from './caller-directory.js';
import { CallerGuard } from './caller.guard.js';
import { CallerVerifier } from './caller-verifier.js';
import { CredentialCache } from './credential-cache.js';
import { RequirePermission } from './require-permission.decorator.js';

class Directory extends CallerDirectory {
  async verify(name: string, password: string): Promise<CallerProfile> {
    if (name === 'EOMS' && password === 'right')
      return { name: 'EOMS', allow: ['service.*'], sources: null, validUntil: '2999-01-01T00:00:00Z' };
    throw new CrmError(ErrorCode.InvalidCredentials);
  }
}

const KEY = Buffer.alloc(32, 7);
const sign = (claims: object, key = KEY) =>
  new JwtService({ secret: key }).signAsync(claims, { algorithm: 'HS256', issuer: ACCESS_TOKEN_ISSUER, expiresIn: 60 });

class Employees extends ActorDirectory {
  async session(employeeId: string): Promise<EmployeeSessionState> {
    const perms: Record<string, string[]> = { E1: ['account.read', 'account.write'], E2: ['account.read'] };
    // E1 manages a sales team; E2's answer names no scope at all (an older auth, or a role without one).
    const scopes: EmployeeSessionState['scopes'] =
      employeeId === 'E1' ? { sales: { scope: 'team', owners: ['E1', 'E7'] }, service: { scope: 'all', owners: null } } : {};
    return { employeeId, active: employeeId in perms, sessionVersion: 1, permissions: perms[employeeId] ?? [], scopes };
  }
}

class Handlers {
  open(): void {}
  @RequirePermission('account.write')
  write(): void {}
}

function rpcContext(data: Record<string, unknown>, pattern: string, userId?: string, handler: keyof Handlers = 'open'): ExecutionContext {
  const rmq = { getPattern: () => pattern, getMessage: () => ({ properties: { userId } }) };
  return {
    getType: () => 'rpc',
    getHandler: () => Handlers.prototype[handler],
    getClass: () => Handlers,
    switchToRpc: () => ({ getData: () => data, getContext: () => rmq }),
  } as unknown as ExecutionContext;
}

const guard = () =>
  new CallerGuard(
    new CallerVerifier(new CredentialCache(60_000), new Directory()),
    new ActorVerifier(KEY, new Employees(), 60_000),
    new Reflector(),
  );

describe('CallerGuard', () => {
  it('accepts valid credentials and removes the password before any handler sees the data', async () => {
    const data: Record<string, unknown> = { caller: 'EOMS', password: 'right', payload: { a: 1 } };
    await expect(guard().canActivate(rpcContext(data, 'service.workorder.query.v1'))).resolves.toBe(true);
    expect(data).toEqual({ caller: 'EOMS', payload: { a: 1 } });
  });

  it('removes the password even when it rejects', async () => {
    const data: Record<string, unknown> = { caller: 'EOMS', password: 'wrong', payload: {} };
    await expect(guard().canActivate(rpcContext(data, 'service.workorder.query.v1'))).rejects.toMatchObject({
      code: ErrorCode.InvalidCredentials,
    });
    expect(data).not.toHaveProperty('password');
  });

  it('rejects a pattern outside the globs with 4030', async () => {
    const data: Record<string, unknown> = { caller: 'EOMS', password: 'right', payload: {} };
    await expect(guard().canActivate(rpcContext(data, 'sales.account.create.v1'))).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('answers 4001 without credentials', async () => {
    await expect(guard().canActivate(rpcContext({ payload: {} }, 'service.x'))).rejects.toMatchObject({
      code: ErrorCode.CredentialsMissing,
    });
  });

  it('requires an actor token on a handler that declares a permission (4010)', async () => {
    const data: Record<string, unknown> = { caller: 'EOMS', password: 'right', payload: {} };
    await expect(guard().canActivate(rpcContext(data, 'service.x', undefined, 'write'))).rejects.toMatchObject({
      code: ErrorCode.ActorInvalid,
    });
  });

  it('lets an employee with the permission through, records who, and strips the token', async () => {
    const data: Record<string | symbol, unknown> = {
      caller: 'EOMS',
      password: 'right',
      actor: await sign({ sub: 'E1', perms: [], sv: 1 }),
      payload: {},
    };
    await expect(guard().canActivate(rpcContext(data as Record<string, unknown>, 'service.x', undefined, 'write'))).resolves.toBe(true);
    expect(data).not.toHaveProperty('actor');
    expect(actorOf(data)).toBe('E1');
  });

  it('refuses an employee without the permission with 4030, whatever the token claims', async () => {
    const data: Record<string, unknown> = {
      caller: 'EOMS',
      password: 'right',
      actor: await sign({ sub: 'E2', perms: ['account.write'], sv: 1 }),
      payload: {},
    };
    await expect(guard().canActivate(rpcContext(data, 'service.x', undefined, 'write'))).rejects.toMatchObject({
      code: ErrorCode.Forbidden,
    });
  });

  it('checks a token sent to a handler that needs none: a forged one is 4010', async () => {
    const data: Record<string, unknown> = {
      caller: 'EOMS',
      password: 'right',
      actor: await sign({ sub: 'E1', perms: [], sv: 1 }, Buffer.alloc(32, 9)),
      payload: {},
    };
    await expect(guard().canActivate(rpcContext(data, 'service.x'))).rejects.toMatchObject({ code: ErrorCode.ActorInvalid });
    expect(data).not.toHaveProperty('actor');
  });

  it("gives the handler's context the scope of the called app, taken from the pattern", async () => {
    const sales: Record<string | symbol, unknown> = {
      caller: 'EOMS',
      password: 'right',
      actor: await sign({ sub: 'E1', perms: [], sv: 1 }),
      payload: {},
    };
    const guardOpen = new CallerGuard(
      new CallerVerifier(new CredentialCache(60_000), {
        verify: async () => ({ name: 'EOMS', allow: ['*'], sources: null, validUntil: '2999-01-01T00:00:00Z' }),
      }),
      new ActorVerifier(KEY, new Employees(), 60_000),
      new Reflector(),
    );
    await guardOpen.canActivate(rpcContext(sales as Record<string, unknown>, 'sales.account.get.v1'));
    expect(callContextOf(sales)).toMatchObject({
      employeeId: 'E1',
      scope: { scope: 'team', owners: ['E1', 'E7'] },
      permissions: ['account.read', 'account.write'],
    });
    const service: Record<string | symbol, unknown> = {
      caller: 'EOMS',
      password: 'right',
      actor: await sign({ sub: 'E1', perms: [], sv: 1 }),
      payload: {},
    };
    await guardOpen.canActivate(rpcContext(service as Record<string, unknown>, 'service.case.list.v1'));
    expect(callContextOf(service).scope).toEqual({ scope: 'all', owners: null });
    // No scope named for the app: the narrowest, never a wider one.
    const e2: Record<string | symbol, unknown> = {
      caller: 'EOMS',
      password: 'right',
      actor: await sign({ sub: 'E2', perms: [], sv: 1 }),
      payload: {},
    };
    await guardOpen.canActivate(rpcContext(e2 as Record<string, unknown>, 'sales.account.get.v1'));
    expect(callContextOf(e2).scope).toEqual({ scope: 'own', owners: ['E2'] });
    // Apps without data scopes (auth, audit) carry none.
    const auth: Record<string | symbol, unknown> = {
      caller: 'EOMS',
      password: 'right',
      actor: await sign({ sub: 'E1', perms: [], sv: 1 }),
      payload: {},
    };
    await guardOpen.canActivate(rpcContext(auth as Record<string, unknown>, 'auth.system.ping.v1'));
    expect(callContextOf(auth).scope).toBeNull();
  });

  it('leaves no employee, scope or permissions in the context of a call without a token, even if the data tries to carry them', async () => {
    const data: Record<string | symbol, unknown> = { caller: 'EOMS', password: 'right', payload: {}, [REQUEST_KEY]: 'EOMS|r-1' };
    await guard().canActivate(rpcContext(data as Record<string, unknown>, 'service.workorder.query.v1'));
    expect(callContextOf(data)).toEqual({
      caller: 'EOMS',
      employeeId: null,
      requestKey: 'EOMS|r-1',
      requestId: 'r-1',
      scope: null,
      permissions: [],
    });
  });

  it('lets HTTP requests through to their own passport guards', async () => {
    const http = { getType: () => 'http' } as unknown as ExecutionContext;
    await expect(guard().canActivate(http)).resolves.toBe(true);
  });
});
