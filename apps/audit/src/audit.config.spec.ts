import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { configErrorOf, loadConfig } from '@crm/config';
import { loadAuditConfig, loadAuditDataConfig } from './audit.config.js';

const key = `k1:${randomBytes(32).toString('base64')}`;

function audit(env: NodeJS.ProcessEnv = {}) {
  const all = { CRM_MASTER_KEY: key, ...env };
  return loadAuditConfig(all, loadConfig(all));
}

describe('audit data configuration', () => {
  it('defaults: backups off, daily, keep forever', () => {
    expect(loadAuditDataConfig({})).toEqual({
      backupDir: null,
      backupPeriod: 'day',
      retentionDays: 0,
      checkpointRows: 10_000,
      checkpointMinutes: 60,
      maintenanceIntervalMs: 60_000,
      anchorIntervalMs: 60_000,
      retentionDatabaseUrl: null,
    });
  });

  it('reads every variable', () => {
    expect(
      loadAuditDataConfig({
        AUDIT_BACKUP_DIR: '/var/backups/crm',
        AUDIT_BACKUP_PERIOD: 'hour',
        AUDIT_RETENTION_DAYS: '365',
        AUDIT_CHECKPOINT_ROWS: '500',
        AUDIT_CHECKPOINT_MINUTES: '5',
        AUDIT_MAINTENANCE_SECONDS: '10',
        AUDIT_ANCHOR_SECONDS: '30',
        AUDIT_RETENTION_DATABASE_URL: 'mysql://crm_audit_retention:s3cret@db:3306',
      }),
    ).toEqual({
      backupDir: '/var/backups/crm',
      backupPeriod: 'hour',
      retentionDays: 365,
      checkpointRows: 500,
      checkpointMinutes: 5,
      maintenanceIntervalMs: 10_000,
      anchorIntervalMs: 30_000,
      retentionDatabaseUrl: 'mysql://crm_audit_retention:s3cret@db:3306',
    });
  });

  it.each([
    ['AUDIT_BACKUP_DIR', 'backups', 'must be an absolute path'],
    ['AUDIT_BACKUP_PERIOD', 'week', 'must be hour or day'],
    ['AUDIT_RETENTION_DAYS', '-1', 'must be a whole number'],
    ['AUDIT_CHECKPOINT_ROWS', '0', 'must be between 1 and 100000000'],
    ['AUDIT_ANCHOR_SECONDS', '0', 'must be between 1 and 86400'],
    ['AUDIT_RETENTION_DATABASE_URL', 'postgres://u:p@db', 'must use mysql: or mariadb:'],
  ])('refuses a bad %s, naming it', (variable, value, reason) => {
    const e = configErrorOf(() => loadAuditDataConfig({ [variable]: value }));
    expect(e.variable).toBe(variable);
    expect(e.message).toBe(`configuration error: ${variable} ${reason}`);
  });
});

describe('alert configuration', () => {
  it('applies the documented defaults', () => {
    expect(audit().alerts).toEqual({
      authFailures: 5,
      authWindowMs: 60_000,
      loginFailures: 10,
      loginWindowMs: 300_000,
      errorRatePercent: 50,
      errorRateMinCalls: 20,
      errorRateWindowMs: 300_000,
      latencyP95Ms: 2000,
      latencyMinCalls: 20,
      latencyWindowMs: 300_000,
      ingestQueueDepth: 10_000,
      ingestLagMs: 60_000,
      lagCheckMs: 15_000,
      deadQueueDepth: 1000,
      webhookUrl: null,
      webhookTimeoutMs: 5000,
      webhookRetries: 5,
    });
  });

  it('reads login-failure alerts and the webhook', () => {
    const c = audit({
      ALERT_LOGIN_FAILURES: '3',
      ALERT_LOGIN_WINDOW_SECONDS: '30',
      AUDIT_ALERT_WEBHOOK_URL: 'https://hooks.example.com/t/abc',
    }).alerts;
    expect(c).toMatchObject({ loginFailures: 3, loginWindowMs: 30_000, webhookUrl: 'https://hooks.example.com/t/abc' });
  });

  it('refuses bad values naming the variable, never echoing the value', () => {
    const webhook = configErrorOf(() => audit({ AUDIT_ALERT_WEBHOOK_URL: 'ftp://secret-token@hooks.example.com' }));
    expect(webhook.message).toBe('configuration error: AUDIT_ALERT_WEBHOOK_URL must use http: or https:');
    expect(webhook.message).not.toContain('secret-token');
    expect(configErrorOf(() => audit({ ALERT_AUTH_FAILURES: '0' })).variable).toBe('ALERT_AUTH_FAILURES');
    expect(configErrorOf(() => audit({ ALERT_ERROR_RATE_PERCENT: '101' })).message).toBe(
      'configuration error: ALERT_ERROR_RATE_PERCENT must be between 1 and 100',
    );
    expect(configErrorOf(() => audit({ ALERT_LOGIN_WINDOW_SECONDS: '86401' })).variable).toBe('ALERT_LOGIN_WINDOW_SECONDS');
    expect(configErrorOf(() => audit({ ALERT_DEAD_QUEUE_DEPTH: '0' })).message).toBe(
      'configuration error: ALERT_DEAD_QUEUE_DEPTH must be between 1 and 100000000',
    );
  });

  it('reads the dead-letter queue depth that raises dead-letters', () => {
    expect(audit({ ALERT_DEAD_QUEUE_DEPTH: '5' }).alerts.deadQueueDepth).toBe(5);
  });
});

describe('console configuration', () => {
  it('signs in where CONSOLE_AUTH_URL points (its origin), else (null) at AUTH_PUBLIC_URL', () => {
    expect(audit().console).toEqual({ authUrl: null });
    expect(audit({ CONSOLE_AUTH_URL: 'https://auth.example.com/ignored/path' }).console).toEqual({ authUrl: 'https://auth.example.com' });
    expect(configErrorOf(() => audit({ CONSOLE_AUTH_URL: 'javascript:alert(1)' })).variable).toBe('CONSOLE_AUTH_URL');
  });
});

describe('trusted publishers', () => {
  it('are not checked unless AUDIT_TRUSTED_PUBLISHERS lists broker users', () => {
    expect(audit().trustedPublishers).toEqual([]);
    expect(audit({ AUDIT_TRUSTED_PUBLISHERS: ' crm-auth, crm.service@x ,,' }).trustedPublishers).toEqual(['crm-auth', 'crm.service@x']);
  });

  it('refuses a name that is not a broker user name, without echoing it', () => {
    const e = configErrorOf(() => audit({ AUDIT_TRUSTED_PUBLISHERS: 'crm-auth,evil name;' }));
    expect(e.message).toBe('configuration error: AUDIT_TRUSTED_PUBLISHERS must be a comma-separated list of broker user names');
  });
});

describe('a bad ALERT_* value', () => {
  const env = { CRM_MASTER_KEY: key, ALERT_AUTH_FAILURES: 'abc' };

  it('stops audit with a clear message', () => {
    expect(configErrorOf(() => loadAuditConfig(env, loadConfig(env))).message).toBe(
      'configuration error: ALERT_AUTH_FAILURES must be a whole number',
    );
  });

  it('does not concern the other apps, which validate the platform part only', () => {
    expect(loadConfig(env).namespace).toBe('crm');
  });
});
