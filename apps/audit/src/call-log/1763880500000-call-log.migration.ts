import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The interface call log. Every secondary index ends in (at, seq) so that each typical filter is an
 * equality prefix followed by a backward range scan in (at DESC, seq DESC) order: a page is read
 * straight off the index with no sort, whatever the table size. InnoDB appends the primary key
 * (seq) to secondary indexes anyway; naming it keeps the intent visible.
 */
export class CallLogSchema1763880500000 implements MigrationInterface {
  name = 'CallLogSchema1763880500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE call_log (
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      at DATETIME(3) NOT NULL,
      direction VARCHAR(8) NOT NULL,
      service VARCHAR(32) NOT NULL,
      caller VARCHAR(128) NULL,
      callee VARCHAR(128) NOT NULL,
      pattern VARCHAR(255) NULL,
      request_id VARCHAR(255) NULL,
      actor VARCHAR(128) NULL,
      code INT NOT NULL,
      ok BOOLEAN NOT NULL,
      duration_ms DOUBLE NOT NULL,
      message VARCHAR(1000) NULL,
      source VARCHAR(255) NULL,
      stored_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
      UNIQUE KEY uq_call_log_id (id),
      KEY ix_call_log_at (at, seq),
      KEY ix_call_log_caller_at (caller, at, seq),
      KEY ix_call_log_callee_at (callee, at, seq),
      KEY ix_call_log_service_at (service, at, seq),
      KEY ix_call_log_pattern_code_at (pattern, code, at, seq),
      KEY ix_call_log_pattern_at (pattern, at, seq),
      KEY ix_call_log_code_at (code, at, seq),
      KEY ix_call_log_ok_at (ok, at, seq),
      KEY ix_call_log_actor_at (actor, at, seq),
      KEY ix_call_log_request (request_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE call_log');
  }
}
