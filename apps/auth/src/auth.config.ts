import { z } from 'zod';
import { enumVar, intVar, lowerListVar, optionalUrlVar, parseEnv, unsetIfBlank, type AppConfigLoader } from '@crm/config';

/** DI token of the validated `AuthConfig` (provided through `RuntimeModule.forApp`). */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/** auth's own part of the configuration, validated by the auth app and auth's operator process only. */
export interface AuthConfig {
  /** Caller policy (SPEC §3.1). */
  callerPolicy: {
    maxAgeDays: number;
    warnDays: number;
    defaultOverlapMs: number;
    maxFailures: number;
    lockMs: number;
    /** Failures of one (caller name, source) pair count towards the lock within this window. */
    lockWindowMs: number;
  };
  jwtTtlSeconds: number;
  /** Employee sessions (SPEC §3.3). */
  sessions: { refreshTtlSeconds: number };
  /** Employee identity: onboarding and access review (issue 3). */
  identity: {
    initialPasswordTtlMs: number;
    accessReviewIntervalDays: number;
    accessReviewCheckMs: number;
  };
  /** Employee credentials: passwords, lockout, two-factor, forgot password (issue 3). */
  credentials: CredentialsConfig;
  /** Origins allowed to call auth from a browser (CORS), i.e. where the operator console is served. */
  consoleOrigins: string[];
}

export interface CredentialsConfig {
  /** Context-specific words a password must not be built from (PASSWORD_BLOCKLIST_WORDS), lower case. */
  blocklistWords: string[];
  /** How many recent passwords may not be reused (0 = no history check). */
  passwordHistory: number;
  /** Maximum password age in days; 0 = never expires (NIST SP 800-63B advises 0). */
  passwordMaxAgeDays: number;
  loginMaxFailures: number;
  loginLockMs: number;
  /** Roles whose members must use TOTP (until per-role flags exist). */
  twoFactorRequiredRoles: string[];
  resetCodeTtlMs: number;
  resetMaxAttempts: number;
  resetRequestsPerAccount: number;
  resetRequestsPerAddress: number;
  resetRateWindowMs: number;
  notifier: 'log' | 'smtp';
  smtpUrl: string | null;
  smtpFrom: string;
}

const MINUTE = 60_000;
const SMTP_FROM = 'must be an e-mail address';

const ORIGIN_LIST = 'must be a comma-separated list of origins such as https://crm.example.com';
const BARE_ORIGIN = 'must list bare origins (scheme://host[:port], no path)';
const origin = z
  .string()
  .refine((o) => URL.canParse(o), { error: ORIGIN_LIST, abort: true })
  .refine((o) => ['http:', 'https:'].includes(new URL(o).protocol) && new URL(o).origin === o.replace(/\/$/, ''), BARE_ORIGIN)
  .transform((o) => o.replace(/\/$/, ''));
/** Unset: the console's own origins, i.e. AUDIT_PUBLIC_URL, else audit's port on 127.0.0.1 and localhost. */
const consoleOrigins = z
  .string()
  .optional()
  .transform((s) =>
    s?.trim()
      ? s
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : null,
  )
  .pipe(z.array(origin).nullable());

const authSchema = z
  .object({
    CALLER_MAX_AGE_DAYS: intVar(90, 1, 3650),
    CALLER_WARN_DAYS: intVar(14, 0, 365),
    CALLER_OVERLAP_MINUTES: intVar(24 * 60, 0, 60 * 24 * 30, MINUTE),
    CALLER_MAX_FAILURES: intVar(5, 1, 1000),
    CALLER_LOCK_MINUTES: intVar(15, 1, 24 * 60, MINUTE),
    CALLER_LOCK_WINDOW_SECONDS: intVar(900, 1, 86_400, 1000),
    JWT_TTL_SECONDS: intVar(900, 60, 86400),
    REFRESH_TTL_HOURS: intVar(12, 1, 24 * 30, 3600),
    INITIAL_PASSWORD_TTL_HOURS: intVar(72, 1, 24 * 30, 3_600_000),
    ACCESS_REVIEW_INTERVAL_DAYS: intVar(90, 1, 3650),
    ACCESS_REVIEW_CHECK_SECONDS: intVar(60, 1, 3600, 1000),
    NOTIFIER: enumVar(['log', 'smtp'], 'log'),
    SMTP_URL: optionalUrlVar(['smtp', 'smtps']),
    SMTP_FROM: unsetIfBlank(z.string().trim().max(254, SMTP_FROM).regex(/@/, SMTP_FROM).default('CRM <no-reply@crm.invalid>')),
    PASSWORD_BLOCKLIST_WORDS: lowerListVar(/^[\p{L}\p{N}]{3,64}$/u),
    PASSWORD_HISTORY: intVar(5, 0, 24),
    PASSWORD_MAX_AGE_DAYS: intVar(90, 0, 3650),
    LOGIN_MAX_FAILURES: intVar(5, 1, 100),
    LOGIN_LOCK_MINUTES: intVar(15, 1, 24 * 60, MINUTE),
    TWO_FACTOR_REQUIRED_ROLES: lowerListVar(/^[a-z0-9][a-z0-9_.-]{0,63}$/),
    RESET_CODE_TTL_MINUTES: intVar(10, 1, 60, MINUTE),
    RESET_CODE_MAX_ATTEMPTS: intVar(5, 1, 10),
    RESET_REQUESTS_PER_ACCOUNT: intVar(3, 1, 100),
    RESET_REQUESTS_PER_ADDRESS: intVar(20, 1, 100_000),
    RESET_RATE_WINDOW_MINUTES: intVar(15, 1, 24 * 60, MINUTE),
    CONSOLE_ORIGINS: consoleOrigins,
  })
  .superRefine((e, ctx) => {
    if (e.NOTIFIER === 'smtp' && !e.SMTP_URL)
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when NOTIFIER=smtp' });
  });

/** Reads auth's part of the environment; the console origins default to audit's (AUDIT_PUBLIC_URL, else AUDIT_PORT). */
export const loadAuthConfig: AppConfigLoader<AuthConfig> = (env, platform) => {
  const e = parseEnv(authSchema, env);
  const auditPort = platform.httpPorts.audit;
  return {
    callerPolicy: {
      maxAgeDays: e.CALLER_MAX_AGE_DAYS,
      warnDays: e.CALLER_WARN_DAYS,
      defaultOverlapMs: e.CALLER_OVERLAP_MINUTES,
      maxFailures: e.CALLER_MAX_FAILURES,
      lockMs: e.CALLER_LOCK_MINUTES,
      lockWindowMs: e.CALLER_LOCK_WINDOW_SECONDS,
    },
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    sessions: { refreshTtlSeconds: e.REFRESH_TTL_HOURS },
    identity: {
      initialPasswordTtlMs: e.INITIAL_PASSWORD_TTL_HOURS,
      accessReviewIntervalDays: e.ACCESS_REVIEW_INTERVAL_DAYS,
      accessReviewCheckMs: e.ACCESS_REVIEW_CHECK_SECONDS,
    },
    credentials: {
      blocklistWords: e.PASSWORD_BLOCKLIST_WORDS,
      passwordHistory: e.PASSWORD_HISTORY,
      passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginLockMs: e.LOGIN_LOCK_MINUTES,
      twoFactorRequiredRoles: e.TWO_FACTOR_REQUIRED_ROLES,
      resetCodeTtlMs: e.RESET_CODE_TTL_MINUTES,
      resetMaxAttempts: e.RESET_CODE_MAX_ATTEMPTS,
      resetRequestsPerAccount: e.RESET_REQUESTS_PER_ACCOUNT,
      resetRequestsPerAddress: e.RESET_REQUESTS_PER_ADDRESS,
      resetRateWindowMs: e.RESET_RATE_WINDOW_MINUTES,
      notifier: e.NOTIFIER,
      smtpUrl: e.SMTP_URL,
      smtpFrom: e.SMTP_FROM,
    },
    // Without CONSOLE_ORIGINS: where audit says it is served (AUDIT_PUBLIC_URL), else its local origins.
    consoleOrigins:
      e.CONSOLE_ORIGINS ??
      (env.AUDIT_PUBLIC_URL?.trim() ? [platform.publicUrls.audit] : [`http://127.0.0.1:${auditPort}`, `http://localhost:${auditPort}`]),
  };
};
