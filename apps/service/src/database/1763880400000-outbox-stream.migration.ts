import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders the outbox per stream (`<kind>:<orderNo>`): `seq` is the commit order (an order's
 * transitions are serialised by its row lock, so its rows get increasing values) and the relay
 * only sends the oldest unsent row of a stream, so EOMS never gets a final reply before the stage
 * reply that preceded it, even when the stage reply needed retries.
 */
export class OutboxStream1763880400000 implements MigrationInterface {
  name = 'OutboxStream1763880400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox
      ADD COLUMN seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      ADD COLUMN stream VARCHAR(100) NOT NULL DEFAULT '',
      ADD UNIQUE KEY uq_outbox_seq (seq)`);
    await q.query(`UPDATE outbox SET stream = CONCAT(kind, ':', COALESCE(JSON_VALUE(payload, '$.orderNo'), id)) WHERE stream = ''`);
    await q.query('ALTER TABLE outbox ALTER COLUMN stream DROP DEFAULT, ADD KEY ix_outbox_stream (stream, seq)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbox DROP KEY ix_outbox_stream, DROP KEY uq_outbox_seq, DROP COLUMN stream, DROP COLUMN seq');
  }
}
