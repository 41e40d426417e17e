import { describe, expect, it } from '@jest/globals';
import { databaseAccount, databaseAccounts, grantsFor, newDatabasePassword, withDatabaseAccount } from './database-accounts.js';

const AUDIT_TABLES = ['alert', 'backup', 'call_log', 'chain_checkpoint', 'chain_head', 'migrations', 'operation_log', 'outbox_message'];

describe('database accounts', () => {
  it('one account per app on its own database, and audit a retention account', () => {
    expect(databaseAccounts('crm', ['auth', 'audit']).map((a) => [a.user, a.database, a.role, a.credentialTarget])).toEqual([
      ['crm_auth', 'crm_auth', 'app', 'database'],
      ['crm_audit', 'crm_audit', 'app', 'database'],
      ['crm_audit_retention', 'crm_audit', 'retention', 'database-retention'],
    ]);
  });

  it('a business app reads and writes its own database and may not change its schema', () => {
    expect(grantsFor(databaseAccount('crm', 'sales'), ['quote'])).toEqual([
      { privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE TEMPORARY TABLES'] },
    ]);
  });

  it("audit's account may insert and read the logs but update or delete only its other tables", () => {
    const grants = grantsFor(databaseAccount('crm', 'audit'), AUDIT_TABLES);
    expect(grants[0]).toEqual({ privileges: ['SELECT', 'INSERT', 'CREATE TEMPORARY TABLES'] });
    const changeable = grants.slice(1).map((g) => g.table);
    expect(changeable).toEqual(['alert', 'backup', 'chain_checkpoint', 'chain_head', 'migrations', 'outbox_message']);
    expect(changeable).not.toContain('call_log');
    expect(changeable).not.toContain('operation_log');
    for (const g of grants.slice(1)) expect(g.privileges).toEqual(['UPDATE', 'DELETE']);
  });

  it('the retention account reads, writes purge checkpoints and deletes log rows, nothing else', () => {
    expect(grantsFor(databaseAccount('crm', 'audit', 'retention'), AUDIT_TABLES)).toEqual([
      { privileges: ['SELECT'] },
      { privileges: ['INSERT'], table: 'chain_checkpoint' },
      { privileges: ['DELETE'], table: 'call_log' },
      { privileges: ['DELETE'], table: 'operation_log' },
    ]);
  });

  it('refuses a name the server would not take', () => {
    expect(() => databaseAccount('crm', 'x'.repeat(80))).toThrow(/invalid database account name/);
  });

  it('puts a fresh password into the URL as it is (URL-safe)', () => {
    const pw = newDatabasePassword();
    expect(pw).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(pw).not.toBe(newDatabasePassword());
    const url = new URL(withDatabaseAccount('mysql://root@db:3306', 'crm_auth', pw));
    expect([url.username, url.password, url.host]).toEqual(['crm_auth', pw, 'db:3306']);
  });
});
