import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignment rules, tried in `priority` order (unique, so the order is never ambiguous). `rr_counter` is the round-robin turn: each capture that a round-robin rule
 * assigns increments it under the rule's row lock and takes the member at that turn.
 */
export class Assignment1765000120000 implements MigrationInterface {
  name = 'Assignment1765000120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE assignment_rule (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      priority INT NOT NULL,
      enabled TINYINT(1) NOT NULL DEFAULT 1,
      conditions JSON NULL,
      strategy VARCHAR(16) NOT NULL,
      owner_id VARCHAR(64) NULL,
      members JSON NOT NULL,
      rr_counter BIGINT NOT NULL DEFAULT 0,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_assignment_rule_priority (priority),
      CONSTRAINT ck_assignment_rule_strategy CHECK (strategy IN ('fixed', 'round-robin', 'least-loaded'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE assignment_rule');
  }
}
