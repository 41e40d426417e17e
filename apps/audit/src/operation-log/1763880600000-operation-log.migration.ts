import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operation log (SPEC §4.2). As in call_log, every secondary index ends in (at, seq) so each
 * filter of `GET /audit/operations` is an equality prefix plus a backward range scan, no sort.
 */
export class OperationLogSchema1763880600000 implements MigrationInterface {
  name = 'OperationLogSchema1763880600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE operation_log (
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      at DATETIME(3) NOT NULL,
      service VARCHAR(32) NOT NULL,
      actor_type VARCHAR(16) NOT NULL,
      actor VARCHAR(128) NOT NULL,
      entity VARCHAR(64) NOT NULL,
      entity_id VARCHAR(128) NOT NULL,
      action VARCHAR(64) NOT NULL,
      changes JSON NOT NULL,
      request_id VARCHAR(255) NULL,
      stored_at DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
      UNIQUE KEY uq_operation_log_id (id),
      KEY ix_operation_log_at (at, seq),
      KEY ix_operation_log_actor_at (actor, at, seq),
      KEY ix_operation_log_entity_at (entity, entity_id, at, seq),
      KEY ix_operation_log_action_at (action, at, seq)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE operation_log');
  }
}
