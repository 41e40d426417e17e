import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox of consumed events: one row per (purpose, eventId) applied, written in the handler's
 * transaction. An app that consumes events lists this class in its migrations.
 */
export class Inbox1763882000000 implements MigrationInterface {
  name = 'Inbox1763882000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inbox (
      purpose VARCHAR(64) NOT NULL,
      event_id VARCHAR(128) NOT NULL,
      pattern VARCHAR(200) NOT NULL,
      occurred_at DATETIME(3) NOT NULL,
      applied_at DATETIME(3) NOT NULL,
      PRIMARY KEY (purpose, event_id),
      KEY ix_inbox_applied_at (applied_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox');
  }
}
