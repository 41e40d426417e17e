import type { MigrationInterface, QueryRunner } from 'typeorm';
import { normalizeAccountName } from './account-name.js';

/**
 * `customer` grows into `account` (SPEC §6.2): same rows, same ids, same account numbers. New:
 * registration number, industry and region codes, hierarchy, territory, and the duplicate keys —
 * one account per registration number, one per normalised name and region (a missing region counts
 * as a region of its own, `region_key = ''`). Customers that already repeated an earlier one's
 * normalised name are kept as they are and numbered in `legacy_duplicate` (1, 2, …; 0 for every
 * other account): the name key includes it, so they do not block the migration, and renaming one
 * sets it back to 0, where the rule applies again.
 */
export class Account1764000100000 implements MigrationInterface {
  name = 'Account1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('RENAME TABLE customer TO account');
    await q.query(`ALTER TABLE account
      RENAME INDEX uq_customer_account_no TO uq_account_account_no,
      RENAME INDEX ix_customer_owner_created TO ix_account_owner_created,
      RENAME INDEX ix_customer_created TO ix_account_created,
      ADD COLUMN normalized_name VARCHAR(200) NOT NULL DEFAULT '' AFTER name,
      ADD COLUMN registration_no VARCHAR(18) NULL AFTER normalized_name,
      ADD COLUMN industry_code VARCHAR(8) NULL AFTER registration_no,
      ADD COLUMN region_code VARCHAR(12) NULL AFTER industry_code,
      ADD COLUMN region_key VARCHAR(12) AS (COALESCE(region_code, '')) PERSISTENT AFTER region_code,
      ADD COLUMN legacy_duplicate INT NOT NULL DEFAULT 0 AFTER region_key,
      ADD COLUMN parent_id CHAR(36) NULL AFTER segment,
      ADD COLUMN territory_id CHAR(36) NULL AFTER owner_id`);
    const rows: Array<{ id: string; name: string }> = await q.query('SELECT id, name FROM account ORDER BY created_at, id');
    const seen = new Map<string, number>();
    for (const row of rows) {
      const key = normalizeAccountName(row.name);
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      await q.query('UPDATE account SET normalized_name = ?, legacy_duplicate = ? WHERE id = ?', [key, n, row.id]);
    }
    await q.query(`ALTER TABLE account
      MODIFY normalized_name VARCHAR(200) NOT NULL,
      ADD UNIQUE KEY uq_account_registration_no (registration_no),
      ADD UNIQUE KEY uq_account_name_region (normalized_name, region_key, legacy_duplicate),
      ADD KEY ix_account_parent (parent_id, created_at, id),
      ADD KEY ix_account_territory (territory_id, created_at, id),
      ADD CONSTRAINT fk_account_parent FOREIGN KEY (parent_id) REFERENCES account (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account
      DROP FOREIGN KEY fk_account_parent,
      DROP KEY ix_account_parent,
      DROP KEY ix_account_territory,
      DROP KEY uq_account_registration_no,
      DROP KEY uq_account_name_region,
      DROP COLUMN territory_id,
      DROP COLUMN parent_id,
      DROP COLUMN legacy_duplicate,
      DROP COLUMN region_key,
      DROP COLUMN region_code,
      DROP COLUMN industry_code,
      DROP COLUMN registration_no,
      DROP COLUMN normalized_name,
      RENAME INDEX uq_account_account_no TO uq_customer_account_no,
      RENAME INDEX ix_account_owner_created TO ix_customer_owner_created,
      RENAME INDEX ix_account_created TO ix_customer_created`);
    await q.query('RENAME TABLE account TO customer');
  }
}
