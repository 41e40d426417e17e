import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountDirectory1763882100000 implements MigrationInterface {
  name = 'AccountDirectory1763882100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE account_directory (
      customer_id CHAR(36) NOT NULL PRIMARY KEY,
      account_no VARCHAR(32) NOT NULL,
      name VARCHAR(200) NOT NULL,
      segment VARCHAR(16) NOT NULL,
      version INT NOT NULL,
      source_updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_account_directory_account_no (account_no)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE account_directory');
  }
}
