import { describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, type EmployeeSessionState } from '@crm/contracts';
import { ACCESS_TOKEN_ISSUER } from './access-token.js';
import { ActorDirectory } from './actor-directory.js';
import { ActorVerifier } from './actor-verifier.js';

const KEY = Buffer.alloc(32, 1);

class FakeEmployees extends ActorDirectory {
  calls = 0;
  state: EmployeeSessionState = { employeeId: 'E100001', active: true, sessionVersion: 3, permissions: ['audit.read'], scopes: {} };
  gate: Promise<void> | null = null;
  async session(employeeId: string): Promise<EmployeeSessionState> {
    this.calls++;
    const snapshot = { ...this.state, employeeId };
    if (this.gate) await this.gate;
    return snapshot;
  }
}

function token(claims: object, opts: { key?: Buffer; issuer?: string; expiresIn?: number; algorithm?: 'HS256' | 'HS512' } = {}) {
  return new JwtService({ secret: opts.key ?? KEY }).signAsync(claims, {
    algorithm: opts.algorithm ?? 'HS256',
    issuer: opts.issuer ?? ACCESS_TOKEN_ISSUER,
    expiresIn: opts.expiresIn ?? 60,
  });
}

describe('ActorVerifier', () => {
  it('accepts a current token and returns the permissions held now, not those claimed', async () => {
    const dir = new FakeEmployees();
    const v = new ActorVerifier(KEY, dir, 30_000);
    await expect(v.verifyToken(await token({ sub: 'E100001', perms: ['everything'], sv: 3 }))).resolves.toEqual({
      employeeId: 'E100001',
      permissions: ['audit.read'],
      scopes: {},
    });
  });

  it.each([
    ['a token signed with another key', { key: Buffer.alloc(32, 2) }],
    ['a token from another issuer', { issuer: 'someone-else' }],
    ['an expired token', { expiresIn: -10 }],
    ['another algorithm', { algorithm: 'HS512' as const }],
  ])('answers 4010 for %s', async (_label, opts) => {
    const v = new ActorVerifier(KEY, new FakeEmployees(), 30_000);
    await expect(v.verifyToken(await token({ sub: 'E100001', perms: [], sv: 3 }, opts))).rejects.toMatchObject({
      code: ErrorCode.ActorInvalid,
    });
  });

  it.each([[''], ['not.a.jwt'], [42], [null], ['x'.repeat(5000)]])('answers 4010 for garbage %#', async (bad) => {
    const v = new ActorVerifier(KEY, new FakeEmployees(), 30_000);
    await expect(v.verifyToken(bad)).rejects.toMatchObject({ code: ErrorCode.ActorInvalid });
  });

  it('answers 4010 once the session version moved on (logout, disable) or the employee is inactive', async () => {
    const dir = new FakeEmployees();
    const v = new ActorVerifier(KEY, dir, 30_000);
    const t = await token({ sub: 'E100001', perms: [], sv: 3 });
    await v.verifyToken(t);
    dir.state = { ...dir.state, sessionVersion: 4 };
    v.forget('E100001');
    await expect(v.verifyToken(t)).rejects.toMatchObject({ code: ErrorCode.ActorInvalid });
    dir.state = { ...dir.state, sessionVersion: 3, active: false };
    v.forget('E100001');
    await expect(v.verifyToken(t)).rejects.toMatchObject({ code: ErrorCode.ActorInvalid });
  });

  it('asks the directory once per TTL, and again after forget', async () => {
    let now = 1_000;
    const dir = new FakeEmployees();
    const v = new ActorVerifier(KEY, dir, 30_000, () => now);
    const t = await token({ sub: 'E100001', perms: [], sv: 3 });
    await Promise.all([v.verifyToken(t), v.verifyToken(t), v.verifyToken(t)]);
    expect(dir.calls).toBe(1);
    now += 29_000;
    await v.verifyToken(t);
    expect(dir.calls).toBe(1);
    now += 2_000;
    await v.verifyToken(t);
    expect(dir.calls).toBe(2);
    v.forget('E100001');
    await v.verifyToken(t);
    expect(dir.calls).toBe(3);
  });

  it('does not remember an answer that was in flight when a revocation arrived', async () => {
    const dir = new FakeEmployees();
    const v = new ActorVerifier(KEY, dir, 30_000);
    const t = await token({ sub: 'E100001', perms: [], sv: 3 });
    let open!: () => void;
    dir.gate = new Promise((r) => (open = r));
    const stale = v.verifyToken(t);
    await new Promise((r) => setImmediate(r));
    v.forget('E100001');
    dir.state = { ...dir.state, active: false };
    open();
    await stale; // answered from the old state, but not kept
    dir.gate = null;
    await expect(v.verifyToken(t)).rejects.toMatchObject({ code: ErrorCode.ActorInvalid });
  });
});
