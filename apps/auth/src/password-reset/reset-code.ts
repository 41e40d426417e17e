import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import type { CrmConfig } from '@crm/config';
import { CrmError, ErrorCode } from '@crm/contracts';

export const RESET_CODE_DIGITS = 6;

/** 6 digits from the CSPRNG, zero-padded (ASVS 5 V6.5.4: 20 bits suffice with attempt limits). */
export function generateResetCode(): string {
  return String(randomInt(0, 10 ** RESET_CODE_DIGITS)).padStart(RESET_CODE_DIGITS, '0');
}

/** Keys for reset codes and rate-limit buckets, derived from the master key (no extra secret to manage). */
export function resetKeys(config: CrmConfig): { code: Buffer; bucket: Buffer } {
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', config.masterKeys.current.key, Buffer.from(config.namespace), Buffer.from(info), 32));
  return { code: derive('crm-reset-code-v1'), bucket: derive('crm-reset-rate-v1') };
}

/** Bound to the employee, so a code row moved to another account never matches. */
export function hashResetCode(key: Buffer, employeeId: string, code: string): string {
  return createHmac('sha256', key).update(`${employeeId}\u0000${code}`).digest('hex');
}

export function resetCodeMatches(key: Buffer, employeeId: string, code: string, storedHex: string): boolean {
  const given = Buffer.from(hashResetCode(key, employeeId, code), 'hex');
  const stored = Buffer.from(storedHex, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** How the employee identified themselves: exactly one of e-mail or phone, normalised. */
export type AccountIdentifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

export function accountIdentifier(input: { email?: unknown; phone?: unknown }): AccountIdentifier {
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
  const phone = typeof input.phone === 'string' ? normalizePhone(input.phone) : '';
  if ((email === '') === (phone === '')) {
    throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
      { field: 'email', reasons: ['give exactly one of email or phone'] },
    ]);
  }
  if (email) {
    if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email))
      throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
        { field: 'email', reasons: ['email must be an e-mail address'] },
      ]);
    return { kind: 'email', value: email };
  }
  if (!/^\+?\d{5,20}$/.test(phone))
    throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
      { field: 'phone', reasons: ['phone must be 5 to 20 digits, optionally with a leading +'] },
    ]);
  return { kind: 'phone', value: phone };
}

/** Spaces, dashes, dots and parentheses are formatting, not part of the number. */
export function normalizePhone(raw: string): string {
  return raw.trim().replace(/[\s().-]/g, '');
}
