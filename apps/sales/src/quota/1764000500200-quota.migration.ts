import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Quotas per employee or team and period; `period_end` is the period's last day (inclusive). */
export class Quota1764000500200 implements MigrationInterface {
  name = 'Quota1764000500200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE quota (
      id CHAR(36) NOT NULL PRIMARY KEY,
      owner_kind VARCHAR(8) NOT NULL,
      owner_id VARCHAR(36) NOT NULL,
      period VARCHAR(8) NOT NULL,
      period_start DATE NOT NULL,
      period_end DATE NOT NULL,
      amount DECIMAL(18,2) NOT NULL,
      currency CHAR(3) NOT NULL DEFAULT 'CNY',
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_quota_owner_period (owner_kind, owner_id, period_start, period_end),
      KEY ix_quota_owner_created (owner_id, created_at, id),
      KEY ix_quota_created (created_at, id),
      KEY ix_quota_period (period_start, period_end),
      CONSTRAINT ck_quota_owner_kind CHECK (owner_kind IN ('employee', 'team')),
      CONSTRAINT ck_quota_period CHECK (period IN ('month', 'quarter', 'year'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE quota');
  }
}
