import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, configErrorOf, loadConfig } from '@crm/config';
import { loadAuthConfig } from './auth.config.js';

const key = `k1:${randomBytes(32).toString('base64')}`;

function auth(env: NodeJS.ProcessEnv = {}) {
  const all = { CRM_MASTER_KEY: key, ...env };
  return loadAuthConfig(all, loadConfig(all));
}

describe('caller policy and sessions', () => {
  it('apply the documented defaults', () => {
    const c = auth();
    expect(c.callerPolicy).toEqual({
      maxAgeDays: 90,
      warnDays: 14,
      defaultOverlapMs: 24 * 3_600_000,
      maxFailures: 5,
      lockMs: 15 * 60_000,
      lockWindowMs: 900_000,
    });
    expect(c.jwtTtlSeconds).toBe(900);
    expect(c.sessions).toEqual({ refreshTtlSeconds: 12 * 3600 });
  });

  it('read the environment in its units', () => {
    const c = auth({
      CALLER_OVERLAP_MINUTES: '0',
      CALLER_LOCK_MINUTES: '2',
      CALLER_LOCK_WINDOW_SECONDS: '30',
      JWT_TTL_SECONDS: '60',
      REFRESH_TTL_HOURS: '1',
    });
    expect(c.callerPolicy).toMatchObject({ defaultOverlapMs: 0, lockMs: 120_000, lockWindowMs: 30_000 });
    expect(c.jwtTtlSeconds).toBe(60);
    expect(c.sessions.refreshTtlSeconds).toBe(3600);
  });

  it.each([
    ['CALLER_MAX_AGE_DAYS', '0', 'must be between 1 and 3650'],
    ['CALLER_LOCK_WINDOW_SECONDS', '1.5', 'must be a whole number'],
    ['JWT_TTL_SECONDS', '59', 'must be between 60 and 86400'],
    ['REFRESH_TTL_HOURS', '-1', 'must be a whole number'],
  ])('stop auth on %s=%s with the reason', (name, value, reason) => {
    expect(configErrorOf(() => auth({ [name]: value })).message).toBe(`configuration error: ${name} ${reason}`);
  });
});

describe('employee identity settings', () => {
  it('default to 72 h initial passwords, 90-day reviews checked every minute', () => {
    expect(auth().identity).toEqual({ initialPasswordTtlMs: 72 * 3_600_000, accessReviewIntervalDays: 90, accessReviewCheckMs: 60_000 });
  });

  it('read the environment', () => {
    const c = auth({ INITIAL_PASSWORD_TTL_HOURS: '24', ACCESS_REVIEW_INTERVAL_DAYS: '30', ACCESS_REVIEW_CHECK_SECONDS: '5' });
    expect(c.identity).toEqual({ initialPasswordTtlMs: 24 * 3_600_000, accessReviewIntervalDays: 30, accessReviewCheckMs: 5000 });
  });

  it.each([
    ['INITIAL_PASSWORD_TTL_HOURS', '0'],
    ['INITIAL_PASSWORD_TTL_HOURS', '721'],
    ['ACCESS_REVIEW_INTERVAL_DAYS', 'ninety'],
    ['ACCESS_REVIEW_CHECK_SECONDS', '0'],
  ])('stop the app on %s=%s, naming the variable', (name, value) => {
    expect(() => auth({ [name]: value })).toThrow(ConfigError);
    expect(configErrorOf(() => auth({ [name]: value })).variable).toBe(name);
  });
});

describe('employee credentials configuration', () => {
  it('applies the documented defaults', () => {
    expect(auth().credentials).toEqual({
      blocklistWords: [],
      passwordHistory: 5,
      passwordMaxAgeDays: 90,
      loginMaxFailures: 5,
      loginLockMs: 15 * 60_000,
      twoFactorRequiredRoles: [],
      resetCodeTtlMs: 10 * 60_000,
      resetMaxAttempts: 5,
      resetRequestsPerAccount: 3,
      resetRequestsPerAddress: 20,
      resetRateWindowMs: 15 * 60_000,
      notifier: 'log',
      smtpUrl: null,
      smtpFrom: 'CRM <no-reply@crm.invalid>',
    });
  });

  it('reads lists lower-cased and validated, and 0 turns the maximum age off', () => {
    const c = auth({
      PASSWORD_BLOCKLIST_WORDS: 'Acme, Widgets,,acme',
      TWO_FACTOR_REQUIRED_ROLES: 'administrator,Auditor',
      PASSWORD_MAX_AGE_DAYS: '0',
    }).credentials;
    expect(c.blocklistWords).toEqual(['acme', 'widgets']);
    expect(c.twoFactorRequiredRoles).toEqual(['administrator', 'auditor']);
    expect(c.passwordMaxAgeDays).toBe(0);
  });

  it('takes an SMTP notifier with its URL and sender', () => {
    const c = auth({ NOTIFIER: 'smtp', SMTP_URL: ' smtps://mail.example.com:465 ', SMTP_FROM: 'CRM <crm@example.com>' }).credentials;
    expect(c).toMatchObject({ notifier: 'smtp', smtpUrl: 'smtps://mail.example.com:465', smtpFrom: 'CRM <crm@example.com>' });
  });

  it('stops on bad values without echoing them', () => {
    expect(configErrorOf(() => auth({ NOTIFIER: 'pigeon' })).message).toBe('configuration error: NOTIFIER must be log or smtp');
    expect(configErrorOf(() => auth({ NOTIFIER: 'smtp' })).message).toBe('configuration error: SMTP_URL is required when NOTIFIER=smtp');
    const e = configErrorOf(() => auth({ SMTP_URL: 'http://user:s3cret@mail' }));
    expect(e.message).toBe('configuration error: SMTP_URL must use smtp: or smtps:');
    expect(e.message).not.toContain('s3cret');
    expect(configErrorOf(() => auth({ SMTP_URL: 'not a url' })).message).toBe('configuration error: SMTP_URL is not a valid URL');
    expect(configErrorOf(() => auth({ SMTP_FROM: 'nobody' })).message).toBe('configuration error: SMTP_FROM must be an e-mail address');
    expect(configErrorOf(() => auth({ LOGIN_MAX_FAILURES: '0' })).variable).toBe('LOGIN_MAX_FAILURES');
    const list = configErrorOf(() => auth({ PASSWORD_BLOCKLIST_WORDS: 'ok1,a b' }));
    expect(list.message).toBe(
      'configuration error: PASSWORD_BLOCKLIST_WORDS has an item that is not allowed (see the documentation for the format)',
    );
  });
});

describe('console origins (CORS)', () => {
  it('allow the audit app’s own origins by default', () => {
    expect(auth({ AUDIT_PORT: '4005' }).consoleOrigins).toEqual(['http://127.0.0.1:4005', 'http://localhost:4005']);
    expect(auth({ CONSOLE_ORIGINS: 'https://audit.example.com/, http://10.0.0.5:3005' }).consoleOrigins).toEqual([
      'https://audit.example.com',
      'http://10.0.0.5:3005',
    ]);
  });

  it('allow where the console is served (AUDIT_PUBLIC_URL) when CONSOLE_ORIGINS is not set', () => {
    expect(auth({ AUDIT_PUBLIC_URL: 'https://audit.crm.example.com' }).consoleOrigins).toEqual(['https://audit.crm.example.com']);
    expect(auth({ AUDIT_PUBLIC_URL: 'https://a.example.com', CONSOLE_ORIGINS: 'https://b.example.com' }).consoleOrigins).toEqual([
      'https://b.example.com',
    ]);
  });

  it('refuse anything but bare http(s) origins, naming the variable', () => {
    expect(configErrorOf(() => auth({ CONSOLE_ORIGINS: 'https://x.example.com/path' })).message).toBe(
      'configuration error: CONSOLE_ORIGINS must list bare origins (scheme://host[:port], no path)',
    );
    expect(configErrorOf(() => auth({ CONSOLE_ORIGINS: 'ftp://x.example.com' })).variable).toBe('CONSOLE_ORIGINS');
    expect(configErrorOf(() => auth({ CONSOLE_ORIGINS: 'https://ok.example.com,nonsense' })).message).toBe(
      'configuration error: CONSOLE_ORIGINS must be a comma-separated list of origins such as https://crm.example.com',
    );
  });
});

describe('only auth reads these', () => {
  it('another app starts with a bad auth setting', () => {
    expect(() =>
      loadConfig({ CRM_MASTER_KEY: key, NOTIFIER: 'pigeon', JWT_TTL_SECONDS: 'soon', CONSOLE_ORIGINS: 'nonsense' }),
    ).not.toThrow();
  });
});
