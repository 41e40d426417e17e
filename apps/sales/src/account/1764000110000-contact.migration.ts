import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People at an account. `primary_of` is the account id of the primary contact and NULL for the
 * others, so its unique key allows one primary contact per account whatever runs concurrently. The
 * repository keeps it equal to `IF(is_primary, account_id, NULL)`: MariaDB refuses a generated
 * column over a CHAR column (its value would depend on PAD_CHAR_TO_FULL_LENGTH).
 */
export class Contact1764000110000 implements MigrationInterface {
  name = 'Contact1764000110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE contact (
      id CHAR(36) NOT NULL PRIMARY KEY,
      account_id CHAR(36) NOT NULL,
      name VARCHAR(100) NOT NULL,
      role VARCHAR(16) NOT NULL,
      title VARCHAR(100) NULL,
      phone VARCHAR(32) NULL,
      email VARCHAR(254) NULL,
      is_primary TINYINT(1) NOT NULL DEFAULT 0,
      primary_of CHAR(36) NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_contact_primary (primary_of),
      KEY ix_contact_account_created (account_id, created_at, id),
      KEY ix_contact_created (created_at, id),
      CONSTRAINT fk_contact_account FOREIGN KEY (account_id) REFERENCES account (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contact');
  }
}
