import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts (SPEC §4.3) and the window counters their rules read.
 *
 * `alert.open_key` is `rule|subject` while the alert is open and NULL once acknowledged: the
 * unique key makes "one open alert per incident" hold across replicas (an upsert on it absorbs
 * further triggers), while closed alerts of the same key can pile up (NULLs never collide).
 * `published_at` NULL is the pending-publish marker written in the alert's own transaction.
 *
 * `alert_counter` holds per-slot counts (slot = a sixth of the rule's window) so that competing
 * replicas add to the same numbers; a rule reads the sum of the slots inside its window.
 *
 * `operation_log.request_id` gets an index for `GET /audit/calls/:id` (operation entries of a call).
 */
export class AlertSchema1763881300000 implements MigrationInterface {
  name = 'AlertSchema1763881300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE alert (
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      rule VARCHAR(48) NOT NULL,
      severity VARCHAR(16) NOT NULL,
      subject VARCHAR(255) NOT NULL,
      open_key VARCHAR(320) NULL,
      status VARCHAR(16) NOT NULL,
      title VARCHAR(255) NOT NULL,
      details JSON NOT NULL,
      occurrences INT UNSIGNED NOT NULL,
      first_seen_at DATETIME(3) NOT NULL,
      last_seen_at DATETIME(3) NOT NULL,
      raised_at DATETIME(3) NOT NULL,
      acknowledged_at DATETIME(3) NULL,
      acknowledged_by VARCHAR(128) NULL,
      ack_note VARCHAR(1000) NULL,
      published_at DATETIME(3) NULL,
      publish_attempts INT UNSIGNED NOT NULL DEFAULT 0,
      publish_due_at DATETIME(3) NULL,
      webhook_due_at DATETIME(3) NULL,
      webhook_attempts INT UNSIGNED NOT NULL DEFAULT 0,
      UNIQUE KEY uq_alert_id (id),
      UNIQUE KEY uq_alert_open_key (open_key),
      KEY ix_alert_status (status, seq),
      KEY ix_alert_rule (rule, seq),
      KEY ix_alert_severity (severity, seq),
      KEY ix_alert_raised (raised_at, seq),
      KEY ix_alert_publish_due (publish_due_at),
      KEY ix_alert_webhook_due (webhook_due_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE alert_counter (
      counter VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      subject VARCHAR(255) NOT NULL,
      slot BIGINT NOT NULL,
      total INT UNSIGNED NOT NULL DEFAULT 0,
      hits INT UNSIGNED NOT NULL DEFAULT 0,
      PRIMARY KEY (counter, subject, slot),
      KEY ix_alert_counter_slot (slot)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query('CREATE INDEX ix_operation_log_request ON operation_log (request_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_operation_log_request ON operation_log');
    await q.query('DROP TABLE alert_counter');
    await q.query('DROP TABLE alert');
  }
}
