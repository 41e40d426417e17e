import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@crm/contracts';
import { toErrorReply } from '@crm/messaging';
import { initialPasswordExpired, passwordChangeDue, secondFactorRefusedError } from './login-policy.js';

const DAY = 86_400_000;
const now = new Date('2026-11-23T12:00:00Z');
const base = {
  passwordChangeRequired: false,
  passwordChangedAt: new Date(now.getTime() - 10 * DAY),
  initialPasswordExpiresAt: null,
  createdAt: new Date(now.getTime() - 400 * DAY),
};

describe('password lifecycle', () => {
  it('a flagged password must be changed regardless of age', () => {
    expect(passwordChangeDue({ ...base, passwordChangeRequired: true }, now, 0)).toBe(true);
  });

  it('maximum age applies from the last change (or creation), and 0 turns it off', () => {
    expect(passwordChangeDue(base, now, 90)).toBe(false);
    expect(passwordChangeDue({ ...base, passwordChangedAt: new Date(now.getTime() - 91 * DAY) }, now, 90)).toBe(true);
    expect(passwordChangeDue({ ...base, passwordChangedAt: null }, now, 90)).toBe(true);
    expect(passwordChangeDue({ ...base, passwordChangedAt: null }, now, 0)).toBe(false);
  });

  it('an initial password stops working at its deadline, a changed one never does', () => {
    const initial = { ...base, passwordChangeRequired: true, initialPasswordExpiresAt: new Date(now.getTime() - 1) };
    expect(initialPasswordExpired(initial, now)).toBe(true);
    expect(initialPasswordExpired({ ...initial, initialPasswordExpiresAt: new Date(now.getTime() + 60_000) }, now)).toBe(false);
    expect(initialPasswordExpired({ ...initial, passwordChangeRequired: false }, now)).toBe(false);
  });
});

describe('a refused second factor, as the client reads it', () => {
  it('a wrong code is the plain 4002; a replayed one is 4010 that says to wait for the next code', () => {
    expect(toErrorReply(secondFactorRefusedError('invalid')).body).toEqual({
      code: ErrorCode.InvalidCredentials,
      message: 'invalid credentials',
    });
    expect(toErrorReply(secondFactorRefusedError('replayed')).body).toEqual({
      code: ErrorCode.ActorInvalid,
      message: 'two-factor code already used',
      details: [{ field: 'totp', reasons: ['already used: each code works once; wait for the next one'] }],
    });
  });
});
