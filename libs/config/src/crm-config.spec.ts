import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, describeConfig, loadConfig, parseMasterKey } from './crm-config.js';

const key = `k1:${randomBytes(32).toString('base64')}`;

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({ CRM_MASTER_KEY: key });
    expect(c.namespace).toBe('crm');
    expect(c.databaseUrl).toBe('mysql://root@127.0.0.1:3306');
    expect(c.amqpUrl).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(c.httpPorts).toEqual({ auth: 3001, marketing: 3002, sales: 3003, service: 3004, audit: 3005 });
    expect(c.eomsQueue).toBe('eoms.inbound');
    expect(c.queueType).toBe('classic');
  });

  it('stops on a missing master key, naming the variable', () => {
    const e = errorOf(() => loadConfig({}));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/CRM_MASTER_KEY is missing/);
  });

  it.each([
    ['no id', randomBytes(32).toString('base64')],
    ['short key', `k1:${randomBytes(16).toString('base64')}`],
    ['bad id', `k 1:${randomBytes(32).toString('base64')}`],
  ])('stops on a malformed master key (%s) without printing it', (_, raw) => {
    const e = errorOf(() => loadConfig({ CRM_MASTER_KEY: raw }));
    expect(e.message).toMatch(/CRM_MASTER_KEY is malformed/);
    expect(e.message).not.toContain(raw);
    expect(e.message).not.toContain(raw.split(':').pop()!);
  });

  it('rejects bad namespaces, ports, URLs and queue types', () => {
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, CRM_NAMESPACE: 'Bad-NS' })).variable).toBe('CRM_NAMESPACE');
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, AUTH_PORT: '70000' })).variable).toBe('AUTH_PORT');
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, AUTH_PORT: 'abc' })).variable).toBe('AUTH_PORT');
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, DATABASE_URL: 'postgres://x' })).variable).toBe('DATABASE_URL');
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, AMQP_URL: 'not a url' })).variable).toBe('AMQP_URL');
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, AMQP_QUEUE_TYPE: 'stream' })).variable).toBe('AMQP_QUEUE_TYPE');
  });

  it('accepts previous keys for rotation', () => {
    const old = `k0:${randomBytes(32).toString('base64')}`;
    const c = loadConfig({ CRM_MASTER_KEY: key, CRM_MASTER_KEY_PREVIOUS: old });
    expect(c.masterKeys.previous.map((k) => k.id)).toEqual(['k0']);
  });

  it('describes itself without secrets', () => {
    const c = loadConfig({ CRM_MASTER_KEY: key, AMQP_URL: 'amqp://crm:hunter2hunter2@mq:5672', DATABASE_URL: 'mysql://root:dbsecret@db:3306' });
    const text = JSON.stringify(describeConfig(c));
    expect(text).not.toContain('hunter2hunter2');
    expect(text).not.toContain('dbsecret');
    expect(text).not.toContain(key.split(':')[1]);
    expect(text).toContain('k1');
  });

  it('parseMasterKey returns id and 32 bytes', () => {
    const k = parseMasterKey('X', key);
    expect(k.id).toBe('k1');
    expect(k.key).toHaveLength(32);
  });
});

describe('employee credentials configuration', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({ CRM_MASTER_KEY: key }).credentials;
    expect(c).toMatchObject({
      blocklistWords: [],
      passwordHistory: 5,
      passwordMaxAgeDays: 90,
      loginMaxFailures: 5,
      loginLockMs: 15 * 60_000,
      twoFactorRequiredRoles: [],
      resetCodeTtlMs: 10 * 60_000,
      resetMaxAttempts: 5,
      resetRequestsPerAccount: 3,
      notifier: 'log',
    });
  });

  it('reads lists lower-cased and validated, and 0 turns the maximum age off', () => {
    const c = loadConfig({ CRM_MASTER_KEY: key, PASSWORD_BLOCKLIST_WORDS: 'Acme, Widgets,,acme', TWO_FACTOR_REQUIRED_ROLES: 'administrator,Auditor', PASSWORD_MAX_AGE_DAYS: '0' }).credentials;
    expect(c.blocklistWords).toEqual(['acme', 'widgets']);
    expect(c.twoFactorRequiredRoles).toEqual(['administrator', 'auditor']);
    expect(c.passwordMaxAgeDays).toBe(0);
  });

  it('stops on bad values without echoing them', () => {
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, NOTIFIER: 'pigeon' })).message).toMatch(/NOTIFIER must be log or smtp/);
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, NOTIFIER: 'smtp' })).message).toMatch(/SMTP_URL is required/);
    const e = errorOf(() => loadConfig({ CRM_MASTER_KEY: key, SMTP_URL: 'http://user:s3cret@mail' }));
    expect(e.message).toMatch(/SMTP_URL/);
    expect(e.message).not.toContain('s3cret');
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, LOGIN_MAX_FAILURES: '0' })).message).toMatch(/LOGIN_MAX_FAILURES/);
    expect(errorOf(() => loadConfig({ CRM_MASTER_KEY: key, PASSWORD_BLOCKLIST_WORDS: 'ok,a b' })).message).toMatch(/PASSWORD_BLOCKLIST_WORDS/);
  });
});
