import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadAuditDataConfig } from './crm-config.js';

describe('audit data configuration', () => {
  it('defaults: backups off, daily, keep forever', () => {
    expect(loadAuditDataConfig({})).toEqual({ backupDir: null, backupPeriod: 'day', retentionDays: 0, checkpointRows: 10_000, checkpointMinutes: 60, maintenanceIntervalMs: 60_000 });
  });

  it('reads every variable', () => {
    expect(
      loadAuditDataConfig({ AUDIT_BACKUP_DIR: '/var/backups/crm', AUDIT_BACKUP_PERIOD: 'hour', AUDIT_RETENTION_DAYS: '365', AUDIT_CHECKPOINT_ROWS: '500', AUDIT_CHECKPOINT_MINUTES: '5', AUDIT_MAINTENANCE_SECONDS: '10' }),
    ).toEqual({ backupDir: '/var/backups/crm', backupPeriod: 'hour', retentionDays: 365, checkpointRows: 500, checkpointMinutes: 5, maintenanceIntervalMs: 10_000 });
  });

  it.each([
    ['AUDIT_BACKUP_DIR', 'backups'],
    ['AUDIT_BACKUP_PERIOD', 'week'],
    ['AUDIT_RETENTION_DAYS', '-1'],
    ['AUDIT_CHECKPOINT_ROWS', '0'],
  ])('refuses a bad %s, naming it', (variable, value) => {
    expect(() => loadAuditDataConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadAuditDataConfig({ [variable]: value })).toThrow(variable);
  });
});
