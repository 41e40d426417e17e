import { CrmError, ErrorCode } from '@crm/contracts';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.data.js';

/**
 * Length-based policy (NIST SP 800-63B, ASVS 5 V6.2): 12 to 128 characters counted as Unicode code
 * points, any characters (spaces, emoji, CJK), no composition rules; refused when it is a common
 * password, built from one (case, digits, punctuation and l33t spelling ignored), built from a
 * company word, contains the employee's ID or name, or is one character pattern repeated.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Built-in context words; PASSWORD_BLOCKLIST_WORDS adds the company's own. */
export const DEFAULT_COMPANY_WORDS: readonly string[] = ['crm', 'eoms', 'telecom'];

export interface PasswordContext {
  employeeId?: string | null;
  name?: string | null;
  /** Company-specific words (lower case), e.g. from PASSWORD_BLOCKLIST_WORDS. */
  companyWords?: readonly string[];
}

const COMMON = new Set(
  COMMON_PASSWORDS_TEXT.split('\n')
    .map((w) => w.trim())
    .filter((w) => w.length >= 3),
);

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
};

/** Unicode normalisation applied before policy checks and hashing (NIST: NFKC or NFKD). */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The forms a guesser would try first: as typed (lower case), without separators, letters only, de-l33ted. */
export function passwordVariants(password: string): string[] {
  const lower = normalizePassword(password).toLowerCase();
  const alnum = lower.replace(/[^\p{L}\p{N}]/gu, '');
  const letters = lower.replace(/[^\p{L}]/gu, '');
  const unleet = (s: string) =>
    [...s]
      .map((c) => LEET[c] ?? c)
      .join('')
      .replace(/[^\p{L}]/gu, '');
  // "P@ssw0rd-2024": the decoration at the ends is dropped before the l33t spelling is undone.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [...new Set([lower, alnum, letters, unleet(lower), unleet(core)])].filter((v) => v.length >= 3);
}

/** True when `v` is a common password, or one repeated ("passwordpassword"). */
function isCommon(v: string): boolean {
  if (COMMON.has(v)) return true;
  for (let len = 3; len <= v.length / 2; len++) {
    if (v.length % len === 0 && COMMON.has(v.slice(0, len)) && v.slice(0, len).repeat(v.length / len) === v) return true;
  }
  return false;
}

/** What is left once every company word is cut out must be a password in its own right. */
function isBuiltFromCompanyWord(variants: string[], words: readonly string[]): boolean {
  for (const v of variants) {
    if (!words.some((w) => v.includes(w))) continue;
    let rest = v;
    for (const w of words) rest = rest.split(w).join('');
    const restAlnum = rest.replace(/[^\p{L}\p{N}]/gu, '');
    if (restAlnum.length < 8 || /^\p{N}+$/u.test(restAlnum) || isCommon(restAlnum)) return true;
  }
  return false;
}

/** Every reason the password breaks the policy (empty when it is acceptable). */
export function passwordPolicyViolations(password: string, context: PasswordContext = {}): string[] {
  if (typeof password !== 'string') return ['must be a string'];
  const reasons: string[] = [];
  const length = [...normalizePassword(password)].length;
  if (length < PASSWORD_MIN_LENGTH) reasons.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) reasons.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (/\p{Cc}/u.test(password)) reasons.push('must not contain control characters');
  if (length > PASSWORD_MAX_LENGTH) return reasons; // don't spend work on oversized input
  const variants = passwordVariants(password);
  if (variants.some(isCommon)) reasons.push('is a commonly used password');
  const words = [...new Set([...DEFAULT_COMPANY_WORDS, ...(context.companyWords ?? [])].map((w) => w.toLowerCase()))];
  if (isBuiltFromCompanyWord(variants, words)) reasons.push('is built from a company word');
  const lower = variants[0] ?? '';
  for (const v of [context.employeeId, context.name]) {
    if (v && v.trim().length >= 3 && lower.includes(v.trim().toLowerCase())) {
      reasons.push('must not contain the employee ID or name');
      break;
    }
  }
  if (new Set([...lower]).size < 5) reasons.push('is too repetitive');
  return reasons;
}

/** Throws 4220 with `details: [{field: 'password', reasons}]` when the policy is not met. */
export function checkPassword(password: string, context: PasswordContext = {}, field = 'password'): void {
  const reasons = passwordPolicyViolations(password, context);
  if (reasons.length) throw new CrmError(ErrorCode.ValidationFailed, 'password does not meet the policy', [{ field, reasons }]);
}
