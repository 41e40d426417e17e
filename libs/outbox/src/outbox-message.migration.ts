import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared outbox table. An app lists this class in its migrations (and `OutboxMessageEntity`
 * in its entities). Sent rows are deleted, so the table only holds what is still on its way.
 */
export class OutboxMessage1763881000000 implements MigrationInterface {
  name = 'OutboxMessage1763881000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox_message (
      id CHAR(36) NOT NULL PRIMARY KEY,
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      pattern VARCHAR(200) NOT NULL,
      data JSON NOT NULL,
      meta JSON NOT NULL,
      created_at DATETIME(3) NOT NULL,
      attempts INT NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL,
      last_error VARCHAR(500) NULL,
      UNIQUE KEY uq_outbox_message_seq (seq),
      KEY ix_outbox_message_due (next_attempt_at, seq)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_message');
  }
}
