import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sales' customers became accounts: the directory's key is the account id (same values, rows kept). */
export class AccountDirectoryAccountId1764000120000 implements MigrationInterface {
  name = 'AccountDirectoryAccountId1764000120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE account_directory CHANGE customer_id account_id CHAR(36) NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE account_directory CHANGE account_id customer_id CHAR(36) NOT NULL');
  }
}
