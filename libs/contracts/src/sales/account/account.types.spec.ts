import { describe, expect, it } from '@jest/globals';
import { isIndustryCode, isRegionCode, isRegistrationNo, registrationCheckChar } from './account.types.js';

describe('account codes', () => {
  it('computes the GB 32100 check character by hand', () => {
    // 9 1 4 4 0 3 0 0 M A 5 F 1 2 3 4 5 → values 9 1 4 4 0 3 0 0 21 10 5 15 1 2 3 4 5,
    // weighted sum 9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 3·26 + 0·16 + 0·17 + 21·20 + 10·29 + 5·25 + 15·13
    // + 1·8 + 2·24 + 3·10 + 4·30 + 5·28 = 1610; 1610 mod 31 = 29; 31 − 29 = 2 → '2'.
    expect(registrationCheckChar('91440300MA5F12345')).toBe('2');
    expect(isRegistrationNo('91440300MA5F123452')).toBe(true);
    expect(isRegistrationNo('91440300MA5F123453')).toBe(false); // wrong check character
    expect(isRegistrationNo('91440300MA5F12345')).toBe(false); // 17 characters
    expect(isRegistrationNo('91440300MO5F123452')).toBe(false); // O is not in the alphabet
  });

  it('accepts GB/T 4754-2017 codes whose division belongs to their section', () => {
    for (const code of ['I', 'I63', 'I65', 'I651', 'I6510', 'A01', 'C43', 'T97']) expect(isIndustryCode(code)).toBe(true);
    for (const code of ['I62', 'I66', 'A06', 'U', 'I6', 'I65100', 'i65']) expect(isIndustryCode(code)).toBe(false);
  });

  it('accepts 6-digit GB/T 2260 codes of a known province', () => {
    for (const code of ['440300', '110105', '810000']) expect(isRegionCode(code)).toBe(true);
    for (const code of ['990000', '44030', '4403000', '000000']) expect(isRegionCode(code)).toBe(false);
  });
});
