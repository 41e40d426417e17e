import { describe, expect, it } from '@jest/globals';
import { CrmError, ErrorCode } from '@crm/contracts';
import { checkPassword, passwordPolicyViolations, passwordVariants } from './password-policy.js';

describe('password policy', () => {
  it('accepts a 64-character passphrase with spaces and emoji (length counted in code points)', () => {
    const phrase = 'the quick brown fox 🦊 jumps over the lazy dog 🐶 at dawn, twice!!';
    expect([...phrase]).toHaveLength(64);
    expect(passwordPolicyViolations(phrase)).toEqual([]);
  });

  it('accepts CJK passphrases and imposes no composition rules', () => {
    expect(passwordPolicyViolations('我的密码是一句很长的中文句子')).toEqual([]);
    expect(passwordPolicyViolations('correct horse battery staple')).toEqual([]);
  });

  it('refuses short and over-long passwords with the reason', () => {
    expect(passwordPolicyViolations('short pw')).toContain('must be at least 12 characters');
    expect(passwordPolicyViolations('x'.repeat(60) + 'yz1234567'.repeat(8))).toContain('must be at most 128 characters');
  });

  it('refuses common passwords, also with case, digits, separators and l33t spelling around them', () => {
    for (const pw of [
      'qwertyuiop123',
      'Password2024!',
      'P@ssw0rd-2024',
      'iloveyou 1234',
      'dragon.dragon.dragon',
      'woaini1314520',
      'Monkey_123456',
    ]) {
      expect({ pw, reasons: passwordPolicyViolations(pw) }).toEqual({
        pw,
        reasons: expect.arrayContaining(['is a commonly used password']),
      });
    }
  });

  it('refuses passwords built from company words (built-in and configured)', () => {
    expect(passwordPolicyViolations('Telecom2024!!')).toContain('is built from a company word');
    expect(passwordPolicyViolations('CRMcrm-123456')).toContain('is built from a company word');
    expect(passwordPolicyViolations('Acme-Widgets-2026', { companyWords: ['acme', 'widgets'] })).toContain('is built from a company word');
    expect(passwordPolicyViolations('Acme-Widgets-2026')).toEqual([]);
    // A company word inside a real passphrase is fine.
    expect(passwordPolicyViolations('our telecom crew climbs masts at dawn')).toEqual([]);
  });

  it('refuses the employee ID or name inside the password, and repetitive ones', () => {
    expect(passwordPolicyViolations('my id is E100001 ok?', { employeeId: 'E100001' })).toContain(
      'must not contain the employee ID or name',
    );
    expect(passwordPolicyViolations('Li Lei rocks the house', { name: 'Li Lei' })).toContain('must not contain the employee ID or name');
    expect(passwordPolicyViolations('abababababab')).toContain('is too repetitive');
  });

  it('refuses control characters', () => {
    expect(passwordPolicyViolations('fine passphrase\u0000here')).toContain('must not contain control characters');
  });

  it('normalises before checking (NFKC: full-width letters are the same password)', () => {
    expect(passwordVariants('ＰＡＳＳＷＯＲＤ１２３')).toContain('password123');
    expect(passwordPolicyViolations('ＰＡＳＳＷＯＲＤ１２３４')).toContain('is a commonly used password');
  });

  it('throws 4220 with details naming the field', () => {
    let error: unknown;
    try {
      checkPassword('password', {}, 'newPassword');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).code).toBe(ErrorCode.ValidationFailed);
    expect((error as CrmError).details).toEqual([
      { field: 'newPassword', reasons: expect.arrayContaining(['must be at least 12 characters', 'is a commonly used password']) },
    ]);
  });
});
