import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { CrmError, ErrorCode, type CallerProfile } from '@crm/contracts';
import { CallerDirectory } from './caller-directory.js';
import { CallerGuard } from './caller.guard.js';
import { CallerVerifier } from './caller-verifier.js';
import { CredentialCache } from './credential-cache.js';

class Directory extends CallerDirectory {
  async verify(name: string, password: string): Promise<CallerProfile> {
    if (name === 'EOMS' && password === 'right') return { name: 'EOMS', allow: ['service.*'], sources: null, validUntil: '2999-01-01T00:00:00Z' };
    throw new CrmError(ErrorCode.InvalidCredentials);
  }
}

function rpcContext(data: Record<string, unknown>, pattern: string, userId?: string): ExecutionContext {
  const rmq = { getPattern: () => pattern, getMessage: () => ({ properties: { userId } }) };
  return {
    getType: () => 'rpc',
    switchToRpc: () => ({ getData: () => data, getContext: () => rmq }),
  } as unknown as ExecutionContext;
}

const guard = () => new CallerGuard(new CallerVerifier(new CredentialCache(60_000), new Directory()));

describe('CallerGuard', () => {
  it('accepts valid credentials and removes the password before any handler sees the data', async () => {
    const data: Record<string, unknown> = { caller: 'EOMS', password: 'right', payload: { a: 1 } };
    await expect(guard().canActivate(rpcContext(data, 'service.workorder.query.v1'))).resolves.toBe(true);
    expect(data).toEqual({ caller: 'EOMS', payload: { a: 1 } });
  });

  it('removes the password even when it rejects', async () => {
    const data: Record<string, unknown> = { caller: 'EOMS', password: 'wrong', payload: {} };
    await expect(guard().canActivate(rpcContext(data, 'service.workorder.query.v1'))).rejects.toMatchObject({ code: ErrorCode.InvalidCredentials });
    expect(data).not.toHaveProperty('password');
  });

  it('rejects a pattern outside the globs with 4030', async () => {
    const data: Record<string, unknown> = { caller: 'EOMS', password: 'right', payload: {} };
    await expect(guard().canActivate(rpcContext(data, 'sales.account.create.v1'))).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('answers 4001 without credentials', async () => {
    await expect(guard().canActivate(rpcContext({ payload: {} }, 'service.x'))).rejects.toMatchObject({ code: ErrorCode.CredentialsMissing });
  });

  it('lets HTTP requests through to their own passport guards', async () => {
    const http = { getType: () => 'http' } as unknown as ExecutionContext;
    await expect(guard().canActivate(http)).resolves.toBe(true);
  });
});
