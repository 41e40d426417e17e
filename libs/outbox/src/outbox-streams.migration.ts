import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ordered streams and outbound calls in the shared outbox: `kind` (event or call), `target` (the
 * called system) and `stream` (rows of one stream leave one at a time, oldest first), with the
 * index the relay's head-of-stream check uses.
 */
export class OutboxStreams1764400000000 implements MigrationInterface {
  name = 'OutboxStreams1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message
      ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT 'event' AFTER seq,
      ADD COLUMN stream VARCHAR(100) NULL AFTER kind,
      ADD COLUMN target VARCHAR(64) NULL AFTER stream,
      ADD KEY ix_outbox_message_stream (stream, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbox_message DROP KEY ix_outbox_message_stream, DROP COLUMN target, DROP COLUMN stream, DROP COLUMN kind');
  }
}
