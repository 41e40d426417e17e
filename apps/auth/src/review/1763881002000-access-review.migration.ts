import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Periodic access review (SPEC §3.3): every decision, and per employee the overdue period already
 * announced (so the monitor publishes once per period, whichever replica runs it).
 */
export class AccessReview1763881002000 implements MigrationInterface {
  name = 'AccessReview1763881002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE access_review (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      employee_id VARCHAR(16) NOT NULL,
      reviewer_id VARCHAR(16) NOT NULL,
      decision VARCHAR(16) NOT NULL,
      note VARCHAR(1000) NOT NULL,
      removed_roles JSON NULL,
      disabled TINYINT(1) NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY ix_access_review_employee (employee_id, id),
      KEY ix_access_review_reviewer (reviewer_id, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query('ALTER TABLE employee ADD COLUMN review_overdue_announced_for DATETIME(3) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE employee DROP COLUMN review_overdue_announced_for');
    await q.query('DROP TABLE access_review');
  }
}
