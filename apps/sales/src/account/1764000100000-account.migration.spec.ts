import { describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { Account1764000100000 } from './1764000100000-account.migration.js';

/** The migration's statements against a recording query runner (the real run is checked against MariaDB by hand, see the report). */
describe('Account1764000100000', () => {
  it('keeps every customer: the first of each normalised name is 0, later repeats are numbered 1, 2, …', async () => {
    const customers = [
      { id: 'c1', name: 'Li Lei' },
      { id: 'c2', name: '华为技术有限公司' },
      { id: 'c3', name: 'li  lei' },
      { id: 'c4', name: '华为技术 股份有限公司' },
      { id: 'c5', name: 'LI LEI' },
    ];
    const statements: Array<[string, unknown[] | undefined]> = [];
    const q = {
      query: async (sql: string, params?: unknown[]) => {
        statements.push([sql, params]);
        return sql.startsWith('SELECT id, name FROM account') ? customers : [];
      },
    } as unknown as QueryRunner;
    await new Account1764000100000().up(q);
    expect(statements[0]![0]).toBe('RENAME TABLE customer TO account');
    expect(statements.filter(([sql]) => sql.startsWith('UPDATE account')).map(([, p]) => p)).toEqual([
      ['li lei', 0, 'c1'],
      ['华为技术', 0, 'c2'],
      ['li lei', 1, 'c3'],
      ['华为技术', 1, 'c4'],
      ['li lei', 2, 'c5'],
    ]);
    // The unique keys come after the rows have their keys.
    const last = statements[statements.length - 1]![0];
    expect(last).toContain('ADD UNIQUE KEY uq_account_name_region (normalized_name, region_key, legacy_duplicate)');
    expect(last).toContain('ADD UNIQUE KEY uq_account_registration_no (registration_no)');
    expect(statements.some(([sql]) => /DELETE/i.test(sql))).toBe(false);
  });
});
