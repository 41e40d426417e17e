import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases and complaints (SPEC §6.3): `service_case` (columns other features read are listed in the
 * service brief), its history, and the daily counter behind human-readable case numbers.
 */
export class ServiceCase1765000400000 implements MigrationInterface {
  name = 'ServiceCase1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE service_case (
      id CHAR(36) NOT NULL PRIMARY KEY,
      case_no VARCHAR(32) NOT NULL,
      account_id CHAR(36) NULL,
      contact JSON NULL,
      channel VARCHAR(16) NOT NULL,
      category VARCHAR(32) NOT NULL,
      priority VARCHAR(8) NOT NULL,
      status VARCHAR(20) NOT NULL,
      subject VARCHAR(200) NOT NULL,
      description TEXT NOT NULL,
      owner_id VARCHAR(16) NULL,
      queue_id CHAR(36) NULL,
      skills JSON NOT NULL,
      escalation_level INT NOT NULL DEFAULT 0,
      master_case_id CHAR(36) NULL,
      merged_into_id CHAR(36) NULL,
      workorder_id CHAR(36) NULL,
      order_no VARCHAR(64) NULL,
      resolution VARCHAR(2000) NULL,
      satisfaction TINYINT NULL,
      satisfaction_comment VARCHAR(1000) NULL,
      watchers JSON NOT NULL,
      attributes JSON NOT NULL,
      reopen_count INT NOT NULL DEFAULT 0,
      first_responded_at DATETIME(3) NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      resolved_at DATETIME(3) NULL,
      closed_at DATETIME(3) NULL,
      UNIQUE KEY uq_service_case_no (case_no),
      KEY ix_service_case_created (created_at, id),
      KEY ix_service_case_owner (owner_id, status),
      KEY ix_service_case_queue (queue_id, status),
      KEY ix_service_case_account (account_id, created_at),
      KEY ix_service_case_master (master_case_id),
      KEY ix_service_case_workorder (workorder_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE case_history (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      case_id CHAR(36) NOT NULL,
      at DATETIME(3) NOT NULL,
      actor VARCHAR(64) NOT NULL,
      action VARCHAR(32) NOT NULL,
      details JSON NOT NULL,
      KEY ix_case_history_case (case_id, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE service_case_counter (
      day CHAR(8) NOT NULL PRIMARY KEY,
      last INT NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_case_counter');
    await q.query('DROP TABLE case_history');
    await q.query('DROP TABLE service_case');
  }
}
