import { describe, expect, it } from '@jest/globals';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import type { ExecutionContext } from '@nestjs/common';
import { ErrorCode } from '@crm/contracts';
import { REQUEST_KEY, VERIFIED_ACTOR } from '@crm/messaging';
import { actingEmployee, CallContext, callContextOf, holds, systemContext, VERIFIED_ACCESS } from './call-context.js';

describe('callContextOf', () => {
  it('builds the context from what the guard and the transport verified', () => {
    const data = {
      caller: 'FRONTEND',
      payload: {},
      [REQUEST_KEY]: 'FRONTEND|rq-1',
      [VERIFIED_ACTOR]: 'E100007',
      [VERIFIED_ACCESS]: { permissions: ['account.read'], scope: { scope: 'own', owners: ['E100007'] } },
    };
    expect(callContextOf(data)).toEqual({
      caller: 'FRONTEND',
      employeeId: 'E100007',
      requestKey: 'FRONTEND|rq-1',
      requestId: 'rq-1',
      scope: { scope: 'own', owners: ['E100007'] },
      permissions: ['account.read'],
    });
  });

  it('ignores look-alike string keys a caller could put in its message', () => {
    const forged = {
      caller: 'FRONTEND',
      actor: 'E1',
      employeeId: 'E1',
      scope: { scope: 'all', owners: null },
      permissions: ['customer.pii.read'],
    };
    expect(callContextOf(forged)).toMatchObject({ employeeId: null, scope: null, permissions: [] });
  });

  it('the requestId is the record id when the caller sent no requestId', () => {
    expect(callContextOf({ caller: 'EOMS', [REQUEST_KEY]: 'EOMS|msg-9' }).requestId).toBe('msg-9');
    expect(callContextOf({ caller: 'EOMS' })).toMatchObject({ requestKey: null, requestId: null });
  });
});

describe('@CallContext()', () => {
  it('hands the handler the context of the RPC message', () => {
    class Handlers {
      handle(_ctx: unknown): void {}
    }
    CallContext()(Handlers.prototype, 'handle', 0);
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Handlers, 'handle') as Record<
      string,
      { factory: (d: unknown, c: ExecutionContext) => unknown }
    >;
    const factory = Object.values(args)[0]!.factory;
    const data = { caller: 'EOMS', [REQUEST_KEY]: 'EOMS|r', [VERIFIED_ACTOR]: 'E5' };
    const ctx = { switchToRpc: () => ({ getData: () => data }) } as unknown as ExecutionContext;
    expect(factory(undefined, ctx)).toMatchObject({ caller: 'EOMS', employeeId: 'E5', requestId: 'r' });
  });
});

describe('helpers', () => {
  it('holds() reads the verified permissions; actingEmployee() refuses a call without an employee (4010)', () => {
    expect(holds({ permissions: ['customer.pii.read'] }, 'customer.pii.read')).toBe(true);
    expect(holds({ permissions: ['account.read'] }, 'customer.pii.read')).toBe(false);
    expect(actingEmployee({ employeeId: 'E1' })).toBe('E1');
    expect(() => actingEmployee(systemContext('EOMS'))).toThrow(expect.objectContaining({ code: ErrorCode.ActorInvalid }));
  });
});
