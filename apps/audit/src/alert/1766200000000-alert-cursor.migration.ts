import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alert rules read calls from `call_log` instead of a second broker copy of every call event
 * (docs/audit-alerts.md). `alert_cursor` keeps how far they have read: one row per log, moved in
 * the transaction that counts the calls. It starts at the calls already stored, so an upgrade does
 * not count the history again (those calls went through the alert feed).
 */
export class AlertCursor1766200000000 implements MigrationInterface {
  name = 'AlertCursor1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE alert_cursor (
      name VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
      seq BIGINT UNSIGNED NOT NULL,
      moved_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(
      "INSERT INTO alert_cursor (name, seq, moved_at) SELECT 'call_log', COALESCE(MAX(seq), 0), UTC_TIMESTAMP(3) FROM call_log",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE alert_cursor');
  }
}
