import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './crm-config.js';

const key = `k1:${randomBytes(32).toString('base64')}`;

describe('employee identity settings', () => {
  it('default to 72 h initial passwords, 90-day reviews checked every minute', () => {
    expect(loadConfig({ CRM_MASTER_KEY: key }).identity).toEqual({ initialPasswordTtlMs: 72 * 3_600_000, accessReviewIntervalDays: 90, accessReviewCheckMs: 60_000 });
  });

  it('read the environment', () => {
    const c = loadConfig({ CRM_MASTER_KEY: key, INITIAL_PASSWORD_TTL_HOURS: '24', ACCESS_REVIEW_INTERVAL_DAYS: '30', ACCESS_REVIEW_CHECK_SECONDS: '5' });
    expect(c.identity).toEqual({ initialPasswordTtlMs: 24 * 3_600_000, accessReviewIntervalDays: 30, accessReviewCheckMs: 5000 });
  });

  it.each([
    ['INITIAL_PASSWORD_TTL_HOURS', '0'],
    ['INITIAL_PASSWORD_TTL_HOURS', '721'],
    ['ACCESS_REVIEW_INTERVAL_DAYS', 'ninety'],
    ['ACCESS_REVIEW_CHECK_SECONDS', '0'],
  ])('stop the app on %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ CRM_MASTER_KEY: key, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CRM_MASTER_KEY: key, [name]: value })).toThrow(name);
  });
});
