import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CrmError } from '@crm/contracts';
import { accountIdentifier, generateResetCode, hashResetCode, resetCodeMatches } from './reset-code.js';
import { generateRecoveryCode, normalizeRecoveryCode } from '../two-factor/two-factor.service.js';

describe('reset codes', () => {
  it('are 6 digits, zero-padded, and spread over the whole range', () => {
    const codes = Array.from({ length: 5000 }, generateResetCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(4900);
    // Each leading digit appears roughly a tenth of the time (a biased generator would skew this).
    const leading = new Map<string, number>();
    for (const c of codes) leading.set(c[0]!, (leading.get(c[0]!) ?? 0) + 1);
    expect(leading.size).toBe(10);
    for (const n of leading.values()) expect(n).toBeGreaterThan(350);
  });

  it('are stored as a keyed hash bound to the employee', () => {
    const key = randomBytes(32);
    const h = hashResetCode(key, 'E100001', '042317');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain('042317');
    expect(resetCodeMatches(key, 'E100001', '042317', h)).toBe(true);
    expect(resetCodeMatches(key, 'E100002', '042317', h)).toBe(false);
    expect(resetCodeMatches(key, 'E100001', '042318', h)).toBe(false);
    expect(resetCodeMatches(randomBytes(32), 'E100001', '042317', h)).toBe(false);
    expect(resetCodeMatches(key, 'E100001', '042317', 'zz')).toBe(false);
  });

  it('identify the account by exactly one normalised e-mail or phone', () => {
    expect(accountIdentifier({ email: '  Li.Lei@Example.COM ' })).toEqual({ kind: 'email', value: 'li.lei@example.com' });
    expect(accountIdentifier({ phone: '+86 (138) 0000-0000' })).toEqual({ kind: 'phone', value: '+8613800000000' });
    for (const bad of [{}, { email: 'a@b.c', phone: '+861380000' }, { email: 'not-an-address' }, { phone: 'call me' }, { email: 42 }]) {
      expect(() => accountIdentifier(bad)).toThrow(CrmError);
    }
  });
});

describe('recovery codes', () => {
  it('carry 80 random bits as four groups of base32 and normalise for typing', () => {
    const codes = Array.from({ length: 200 }, generateRecoveryCode);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(new Set(codes).size).toBe(200);
    expect(normalizeRecoveryCode('abcd-efgh ijkl-mnop')).toBe('ABCDEFGHIJKLMNOP');
  });
});
