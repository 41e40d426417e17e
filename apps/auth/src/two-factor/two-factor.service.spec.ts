import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { ChangeRecorder } from '@crm/outbox';
import { SecretBox } from '@crm/security';
import { hashSecret } from '../caller/password-hasher.js';
import type { EmployeeService } from '../employee/employee.service.js';
import { generateTotpSecret, timeStep, totpAt } from './totp.js';
import type { TwoFactorRepository } from './two-factor.repository.js';
import type { TwoFactorRequirement } from './two-factor-requirement.js';
import { normalizeRecoveryCode, totpContext, TwoFactorService } from './two-factor.service.js';

/** The repository's contract in memory: steps only move forward, recovery codes are spent once. */
function fakeRepo(box: SecretBox, employeeId: string, secret: string | null, recoveryHashes: string[] = []) {
  let lastStep: number | null = null;
  const codes = recoveryHashes.map((codeHash, i) => ({ id: i + 1, codeHash, used: false }));
  return {
    find: async (id: string) => (id === employeeId && secret ? { sealed: box.seal(secret, totpContext(id)), confirmed: true } : null),
    claimStep: async (_id: string, step: number) => {
      if (lastStep !== null && step <= lastStep) return false;
      lastStep = step;
      return true;
    },
    unusedRecoveryCodes: async () => codes.filter((c) => !c.used).map(({ id, codeHash }) => ({ id, codeHash })),
    spendRecoveryCode: async (id: number) => {
      const c = codes.find((x) => x.id === id && !x.used);
      if (c) c.used = true;
      return !!c;
    },
  } as unknown as TwoFactorRepository;
}

const box = new SecretBox({ id: 'k1', key: randomBytes(32) });
const noRequirement = { requiresTwoFactor: async () => false } as unknown as TwoFactorRequirement;
const unused = {} as EmployeeService;
const ops = { record: async () => undefined } as unknown as ChangeRecorder;

describe('TwoFactorService.check', () => {
  const now = 1_800_000_000_000;
  const secret = generateTotpSecret();

  it('accepts a code once per time step and refuses replays and older steps as replayed, not as wrong', async () => {
    const svc = new TwoFactorService(fakeRepo(box, 'E1', secret), box, unused, noRequirement, ops, () => now);
    const step = timeStep(now);
    expect(await svc.check('E1', { totp: totpAt(secret, step) })).toBe('ok');
    expect(await svc.check('E1', { totp: totpAt(secret, step) })).toBe('replayed');
    expect(await svc.check('E1', { totp: totpAt(secret, step - 1) })).toBe('replayed');
    expect(await svc.check('E1', { totp: totpAt(secret, step + 1) })).toBe('ok');
    // A code of no step in the window is wrong, whatever was used before.
    expect(await svc.check('E1', { totp: totpAt(secret, step + 5) })).toBe('invalid');
  });

  it('tells a missing code from a wrong one', async () => {
    const svc = new TwoFactorService(fakeRepo(box, 'E1', secret), box, unused, noRequirement, ops, () => now);
    expect(await svc.check('E1', {})).toBe('missing');
    expect(await svc.check('E1', { totp: '' })).toBe('invalid');
    expect(await svc.check('E1', { totp: 42 })).toBe('invalid');
  });

  it('spends a recovery code once', async () => {
    const code = 'ABCD-EFGH-IJKL-MNOP';
    const svc = new TwoFactorService(
      fakeRepo(box, 'E1', secret, [await hashSecret(normalizeRecoveryCode(code))]),
      box,
      unused,
      noRequirement,
      ops,
      () => now,
    );
    expect(await svc.check('E1', { recoveryCode: 'abcd efgh ijkl mnop' })).toBe('ok');
    expect(await svc.check('E1', { recoveryCode: code })).toBe('invalid');
  });

  it('without TOTP: ok, or enrolment-required when the role demands it', async () => {
    const required = { requiresTwoFactor: async () => true } as unknown as TwoFactorRequirement;
    expect(await new TwoFactorService(fakeRepo(box, 'E1', null), box, unused, noRequirement, ops).check('E1', {})).toBe('ok');
    expect(await new TwoFactorService(fakeRepo(box, 'E1', null), box, unused, required, ops).check('E1', {})).toBe('enrolment-required');
    expect(
      await new TwoFactorService(fakeRepo(box, 'E1', null), box, unused, noRequirement, ops).check(
        'E1',
        { totp: '123456' },
        'must-be-enrolled',
      ),
    ).toBe('invalid');
  });
});
