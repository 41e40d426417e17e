import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring rules and re-scoring jobs. A job re-scores the open leads in id order, batch by batch;
 * `after_id` is its keyset position, saved in each batch's own transaction with the batch's
 * changes, so a job taken over by another replica (its lease ran out) continues where the last
 * committed batch ended. A new rule change supersedes unfinished jobs: the new job re-scans all.
 */
export class Scoring1765000110000 implements MigrationInterface {
  name = 'Scoring1765000110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scoring_rule (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      points INT NOT NULL,
      enabled TINYINT(1) NOT NULL DEFAULT 1,
      conditions JSON NULL,
      engagement JSON NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      KEY ix_scoring_rule_created (created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE rescore_job (
      id CHAR(36) NOT NULL PRIMARY KEY,
      status VARCHAR(16) NOT NULL,
      after_id CHAR(36) NULL,
      scanned INT NOT NULL DEFAULT 0,
      changed INT NOT NULL DEFAULT 0,
      total INT NULL,
      claimed_by VARCHAR(64) NULL,
      lease_until DATETIME(3) NULL,
      superseded_by CHAR(36) NULL,
      requested_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      started_at DATETIME(3) NULL,
      finished_at DATETIME(3) NULL,
      KEY ix_rescore_job_status (status, created_at),
      KEY ix_rescore_job_created (created_at),
      CONSTRAINT ck_rescore_job_status CHECK (status IN ('pending', 'running', 'done', 'superseded'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rescore_job');
    await q.query('DROP TABLE scoring_rule');
  }
}
