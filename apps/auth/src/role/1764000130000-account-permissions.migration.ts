import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales' customers became accounts (SPEC §6.2): `customer.read` / `customer.write` give way to
 * `account.read` / `account.write`. Every role that held an old permission holds its successor
 * (administrators may have granted them to roles of their own), then the old ones are removed.
 * `customer.pii.read` stays: it is SPEC §6.0's own example and now covers accounts and contacts.
 * Frozen by value, like every permissions migration.
 */
export const RENAMED_PERMISSIONS_1764000130000: Readonly<Record<string, string>> = {
  'customer.read': 'account.read',
  'customer.write': 'account.write',
};

export class AccountPermissions1764000130000 implements MigrationInterface {
  name = 'AccountPermissions1764000130000';

  async up(q: QueryRunner): Promise<void> {
    for (const [old, successor] of Object.entries(RENAMED_PERMISSIONS_1764000130000)) {
      await q.query('INSERT IGNORE INTO permission (name) VALUES (?)', [successor]);
      await q.query(
        'INSERT IGNORE INTO role_permission (role_name, permission_name) SELECT role_name, ? FROM role_permission WHERE permission_name = ?',
        [successor, old],
      );
      await q.query('DELETE FROM role_permission WHERE permission_name = ?', [old]);
      await q.query('DELETE FROM permission WHERE name = ?', [old]);
    }
  }

  /** Gives the old permissions back to the roles holding the successors (which keep them: they predate this migration). */
  async down(q: QueryRunner): Promise<void> {
    for (const [old, successor] of Object.entries(RENAMED_PERMISSIONS_1764000130000)) {
      await q.query('INSERT IGNORE INTO permission (name) VALUES (?)', [old]);
      await q.query(
        'INSERT IGNORE INTO role_permission (role_name, permission_name) SELECT role_name, ? FROM role_permission WHERE permission_name = ?',
        [old, successor],
      );
    }
  }
}
