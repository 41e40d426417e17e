import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Customer1763880800000 implements MigrationInterface {
  name = 'Customer1763880800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE customer (
      id CHAR(36) NOT NULL PRIMARY KEY,
      account_no VARCHAR(32) NOT NULL,
      name VARCHAR(200) NOT NULL,
      phone VARCHAR(32) NULL,
      email VARCHAR(254) NULL,
      segment VARCHAR(16) NOT NULL DEFAULT 'consumer',
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_customer_account_no (account_no)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE customer');
  }
}
