import { describe, expect, it } from '@jest/globals';
import { RpcException } from '@nestjs/microservices';
import { CrmError, ErrorCode } from '@crm/contracts';
import { toErrorReply } from './error-reply.js';

describe('toErrorReply', () => {
  it('keeps domain codes, messages and validation details', () => {
    expect(toErrorReply(new CrmError(ErrorCode.Conflict, 'orderNo A exists')).body).toEqual({ code: 4090, message: 'orderNo A exists' });
    const named = [{ field: 'existingAccountId', reasons: ['a-1'] }];
    expect(toErrorReply(new CrmError(ErrorCode.Conflict, 'account exists: a-1', named)).body).toEqual({
      code: 4090,
      message: 'account exists: a-1',
      details: named,
    });
    const v = toErrorReply(new CrmError(ErrorCode.ValidationFailed, 'bad', [{ field: 'x', reasons: ['y'] }]));
    expect(v.body).toEqual({ code: 4220, message: 'bad', details: [{ field: 'x', reasons: ['y'] }] });
  });

  it('uses fixed texts for authentication codes so replies reveal nothing more', () => {
    expect(toErrorReply(new CrmError(ErrorCode.InvalidCredentials, 'no such caller EOMS')).body).toEqual({
      code: 4002,
      message: 'invalid credentials',
    });
  });

  it('keeps the text and details of 4010/4030 login outcomes', () => {
    const d = [{ field: 'password', reasons: ['change required'] }];
    expect(toErrorReply(new CrmError(ErrorCode.Forbidden, 'password change required', d)).body).toEqual({
      code: 4030,
      message: 'password change required',
      details: d,
    });
    expect(toErrorReply(new CrmError(ErrorCode.ActorInvalid)).body).toEqual({ code: 4010, message: 'actor token missing or invalid' });
  });

  it('maps RpcException objects that carry a contract code', () => {
    expect(toErrorReply(new RpcException({ code: 4290, message: 'slow down' })).body).toEqual({ code: 4290, message: 'slow down' });
  });

  it('turns anything unexpected into 5000 with an error id and no internals', () => {
    const m = toErrorReply(new Error("ER_PARSE_ERROR near 'SELECT * FROM caller'"));
    expect(m.body.code).toBe(5000);
    expect(m.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.body.message).toContain(m.errorId);
    expect(m.body.message).not.toContain('SELECT');
    expect(toErrorReply('a string').body.code).toBe(5000);
    expect(toErrorReply(undefined).body.code).toBe(5000);
  });

  it('maps lost connections to 5030 and duplicate keys to 4090', () => {
    expect(toErrorReply(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).body.code).toBe(5030);
    expect(toErrorReply({ name: 'QueryFailedError', driverError: { code: 'ER_DUP_ENTRY' } }).body.code).toBe(4090);
  });
});
