import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns, their action plans (steps) and their members. */
export class Campaign1765000201000 implements MigrationInterface {
  name = 'Campaign1765000201000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE campaign (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      type VARCHAR(16) NOT NULL,
      parent_id CHAR(36) NULL,
      status VARCHAR(16) NOT NULL,
      start_date DATE NOT NULL,
      end_date DATE NOT NULL,
      budget DECIMAL(18,2) NOT NULL,
      expected_revenue DECIMAL(18,2) NOT NULL,
      currency CHAR(3) NOT NULL,
      strategy VARCHAR(64) NULL,
      variant VARCHAR(64) NULL,
      segment_criteria JSON NULL,
      description TEXT NULL,
      owner_id VARCHAR(64) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_campaign_created (created_at, id),
      KEY ix_campaign_owner_created (owner_id, created_at, id),
      KEY ix_campaign_parent (parent_id),
      KEY ix_campaign_strategy (strategy, variant)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE campaign_step (
      id CHAR(36) NOT NULL PRIMARY KEY,
      campaign_id CHAR(36) NOT NULL,
      title VARCHAR(200) NOT NULL,
      description TEXT NULL,
      owner_id VARCHAR(64) NULL,
      due_date DATE NULL,
      status VARCHAR(16) NOT NULL,
      cost DECIMAL(18,2) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_campaign_step_campaign (campaign_id, created_at, id),
      CONSTRAINT fk_campaign_step_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE campaign_member (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      campaign_id CHAR(36) NOT NULL,
      member_kind VARCHAR(8) NOT NULL,
      member_id CHAR(36) NOT NULL,
      source VARCHAR(8) NOT NULL,
      response_status VARCHAR(16) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      added_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      responded_at DATETIME(3) NULL,
      UNIQUE KEY uq_campaign_member (campaign_id, member_kind, member_id),
      KEY ix_campaign_member_list (campaign_id, id),
      KEY ix_campaign_member_member (member_kind, member_id),
      CONSTRAINT fk_campaign_member_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE campaign_member');
    await q.query('DROP TABLE campaign_step');
    await q.query('DROP TABLE campaign');
  }
}
