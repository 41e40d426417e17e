import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The work orders move onto the shared outbox (`outbox_message`, created by the outbox's own
 * migrations, which run before this one): unsent rows of the old `outbox` table are copied over in
 * their order, with their ids (the events' eventId, the calls' requestId), attempts and backoff;
 * then the old table goes. Streams: `event:<orderNo>` becomes `workorder:<orderNo>`,
 * `eoms-call:<orderNo>` becomes `eoms:<orderNo>`; operation-log entries need no order.
 */
export class OutboxMerge1764400100000 implements MigrationInterface {
  name = 'OutboxMerge1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO outbox_message (id, kind, stream, target, pattern, data, meta, created_at, attempts, next_attempt_at, last_error)
      SELECT id,
             IF(kind = 'eoms-call', 'call', 'event'),
             CASE WHEN stream LIKE 'event:%' THEN CONCAT('workorder:', SUBSTRING(stream, 7))
                  WHEN stream LIKE 'eoms-call:%' THEN CONCAT('eoms:', SUBSTRING(stream, 11))
                  ELSE NULL END,
             IF(kind = 'eoms-call', 'eoms', NULL),
             pattern, payload,
             JSON_OBJECT('caller', caller, 'employeeId', JSON_VALUE(payload, '$.employeeId')),
             created_at, attempts, next_attempt_at, last_error
        FROM outbox WHERE sent_at IS NULL ORDER BY seq`);
    await q.query('DROP TABLE outbox');
  }

  async down(q: QueryRunner): Promise<void> {
    // The old table comes back empty: rows already in outbox_message are sent from there.
    await q.query(`CREATE TABLE outbox (
      id CHAR(36) NOT NULL PRIMARY KEY,
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      stream VARCHAR(100) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      pattern VARCHAR(200) NOT NULL,
      payload JSON NOT NULL,
      caller VARCHAR(64) NULL,
      created_at DATETIME(3) NOT NULL,
      attempts INT NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL,
      sent_at DATETIME(3) NULL,
      last_error VARCHAR(500) NULL,
      UNIQUE KEY uq_outbox_seq (seq),
      KEY ix_outbox_due (sent_at, next_attempt_at),
      KEY ix_outbox_stream (stream, seq)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }
}
