import { describe, expect, it } from '@jest/globals';
import { base32Decode, base32Encode, generateTotpSecret, hotp, matchTotp, otpauthUri, timeStep, totpAt } from './totp.js';

// RFC 6238 Appendix B: SHA-1 seed "12345678901234567890", 8 digits, T0 = 0, X = 30.
const RFC_SEED = Buffer.from('12345678901234567890');
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('matches the RFC 6238 SHA-1 vector at T=%d', (seconds, expected) => {
    expect(hotp(RFC_SEED, timeStep(seconds * 1000), 8)).toBe(expected);
  });

  it('matches the RFC 4226 HOTP vectors (6 digits)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(RFC_SEED, i))).toEqual(expected);
  });

  it('round-trips base32 (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb-oi======').toString()).toBe('foobar');
    const s = generateTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
  });

  it('accepts the current step and one step of drift either side, nothing further', () => {
    const secret = base32Encode(RFC_SEED);
    const now = 1_700_000_000_000;
    const step = timeStep(now);
    expect(matchTotp(secret, totpAt(secret, step), now)).toBe(step);
    expect(matchTotp(secret, totpAt(secret, step - 1), now)).toBe(step - 1);
    expect(matchTotp(secret, totpAt(secret, step + 1), now)).toBe(step + 1);
    expect(matchTotp(secret, totpAt(secret, step - 2), now)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, step + 2), now)).toBeNull();
  });

  it('refuses malformed codes', () => {
    const secret = base32Encode(RFC_SEED);
    for (const code of ['', '12345', '1234567', 'abcdef', ' 12345']) expect(matchTotp(secret, code, Date.now())).toBeNull();
  });

  it('builds an otpauth key URI', () => {
    expect(otpauthUri('CRM', 'E100001', 'MZXW6YTBOI')).toBe(
      'otpauth://totp/CRM:E100001?secret=MZXW6YTBOI&issuer=CRM&algorithm=SHA1&digits=6&period=30',
    );
  });
});
