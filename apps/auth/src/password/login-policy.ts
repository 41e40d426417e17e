import type { CredentialsConfig } from '../auth.config.js';
import { CrmError, ErrorCode } from '@crm/contracts';

/** What EmployeeService.authenticate needs from configuration. */
export interface LoginSettings {
  maxFailures: number;
  lockMs: number;
  /** 0 = passwords never expire. */
  passwordMaxAgeDays: number;
}

export const DEFAULT_LOGIN_SETTINGS: LoginSettings = { maxFailures: 5, lockMs: 15 * 60_000, passwordMaxAgeDays: 90 };

export function loginSettingsFrom(c: CredentialsConfig): LoginSettings {
  return { maxFailures: c.loginMaxFailures, lockMs: c.loginLockMs, passwordMaxAgeDays: c.passwordMaxAgeDays };
}

/**
 * The second factor as seen by authenticate: `missing` = enrolled but no code sent, `invalid` = a
 * wrong code (or a wrong or spent recovery code), `replayed` = a right code whose 30-second step was
 * already used (or a later one was), `enrolment-required` = the role demands TOTP and none is set up.
 */
export type SecondFactorOutcome = 'ok' | 'missing' | 'invalid' | 'replayed' | 'enrolment-required';

export interface AuthenticateOptions {
  /**
   * `login` (default) issues a session: a password that must be changed or a missing required
   * enrolment refuses it with 4030. `reauthentication` confirms the password for a sensitive
   * action (change password, enrol): those checks are skipped and last login is not touched.
   */
  purpose?: 'login' | 'reauthentication';
  /** Checked only after the password is right and the account usable. */
  secondFactor?: (employeeId: string) => Promise<SecondFactorOutcome>;
  /** The client's address, recorded with a failure (operation log, alert feed). */
  source?: string | null;
}

interface PasswordLifecycle {
  passwordChangeRequired: boolean;
  passwordChangedAt: Date | null;
  initialPasswordExpiresAt: Date | null;
  createdAt: Date;
}

/** An initial (must-change) password not changed in time no longer works at all. */
export function initialPasswordExpired(e: PasswordLifecycle, now: Date): boolean {
  return e.passwordChangeRequired && !!e.initialPasswordExpiresAt && e.initialPasswordExpiresAt <= now;
}

/** Flagged for change (initial or administrator-set password), or older than the maximum age. */
export function passwordChangeDue(e: PasswordLifecycle, now: Date, maxAgeDays: number): boolean {
  if (e.passwordChangeRequired) return true;
  if (maxAgeDays <= 0) return false;
  const since = e.passwordChangedAt ?? e.createdAt;
  return now.getTime() - since.getTime() > maxAgeDays * 86_400_000;
}

export function passwordChangeRequiredError(): CrmError {
  return new CrmError(ErrorCode.Forbidden, 'password change required', [{ field: 'password', reasons: ['change required'] }]);
}

export function secondFactorRequiredError(): CrmError {
  return new CrmError(ErrorCode.ActorInvalid, 'second factor required', [{ field: 'totp', reasons: ['required'] }]);
}

/**
 * A wrong second factor is 4002, like a wrong password. A replayed one — right, but its 30-second
 * step (or a later one) was used already — is 4010 naming what to do, as "second factor required"
 * is: both are reached only after a correct password, and someone who logs in twice within a step
 * (or right after confirming enrolment) must learn to wait for the next code rather than doubt the
 * password. 4002's text is fixed for every cause, so it could not say this.
 */
export function secondFactorRefusedError(outcome: 'invalid' | 'replayed'): CrmError {
  if (outcome === 'invalid') return new CrmError(ErrorCode.InvalidCredentials);
  return new CrmError(ErrorCode.ActorInvalid, 'two-factor code already used', [{ field: 'totp', reasons: [TOTP_ALREADY_USED] }]);
}

/** The reason a replayed code gets, at login and at enrolment confirmation alike. */
export const TOTP_ALREADY_USED = 'already used: each code works once; wait for the next one';

export function enrolmentRequiredError(): CrmError {
  return new CrmError(ErrorCode.Forbidden, 'two-factor enrolment required', [{ field: 'totp', reasons: ['enrolment required'] }]);
}
