import { CrmError, ErrorCode } from '@crm/contracts';

/**
 * Length-based policy (NIST SP 800-63B / ASVS 5 V6.2): 12 to 128 characters, any characters, no
 * composition rules, and a blocklist of common and company words.
 */
const MIN = 12;
const MAX = 128;
const BLOCKLIST = new Set([
  'password', 'password1', 'password123', 'passw0rd', '123456789012', 'qwertyuiopas', 'administrator', 'letmein12345',
  'welcome12345', 'changeme1234', 'iloveyou1234', 'crmadmin1234', 'telecom12345', 'chinamobile1', 'eomseomseoms', 'admin1234567',
]);
const COMPANY_WORDS = ['crm', 'eoms', 'telecom'];

export function checkPassword(password: string, context: { employeeId?: string; name?: string } = {}): void {
  const reasons: string[] = [];
  if ([...password].length < MIN) reasons.push(`must be at least ${MIN} characters`);
  if ([...password].length > MAX) reasons.push(`must be at most ${MAX} characters`);
  const lower = password.toLowerCase();
  if (BLOCKLIST.has(lower)) reasons.push('is a commonly used password');
  const stripped = lower.replace(/[^a-z]/g, '');
  if (COMPANY_WORDS.some((w) => stripped === w || stripped === w + w)) reasons.push('is built from a company word');
  for (const v of [context.employeeId, context.name]) {
    if (v && v.length >= 3 && lower.includes(v.toLowerCase())) reasons.push('must not contain the employee ID or name');
  }
  if (reasons.length) throw new CrmError(ErrorCode.ValidationFailed, 'password does not meet the policy', [{ field: 'password', reasons }]);
}
