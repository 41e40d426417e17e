import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opportunities and their stage history. The columns of the brief's shared `opportunity` table
 * (read by analysis, partners, territories) keep their names; the rest is this feature's own.
 */
export class Opportunity1764000300200 implements MigrationInterface {
  name = 'Opportunity1764000300200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE opportunity (
      id CHAR(36) NOT NULL PRIMARY KEY,
      account_id CHAR(36) NOT NULL,
      name VARCHAR(200) NOT NULL,
      amount DECIMAL(18,2) NOT NULL,
      currency CHAR(3) NOT NULL DEFAULT 'CNY',
      close_date DATE NOT NULL,
      pipeline_id CHAR(36) NOT NULL,
      stage VARCHAR(32) NOT NULL,
      probability INT NOT NULL,
      status VARCHAR(8) NOT NULL DEFAULT 'open',
      channel VARCHAR(16) NOT NULL,
      campaign_id CHAR(36) NULL,
      lead_id CHAR(36) NULL,
      partner_id CHAR(36) NULL,
      owner_id VARCHAR(64) NOT NULL,
      territory_id CHAR(36) NULL,
      industry_code VARCHAR(8) NULL,
      competitor_ids JSON NOT NULL,
      close_reason VARCHAR(500) NULL,
      lost_to_competitor_id CHAR(36) NULL,
      closed_at DATETIME(3) NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      CONSTRAINT ck_opportunity_status CHECK (status IN ('open', 'won', 'lost')),
      CONSTRAINT ck_opportunity_channel CHECK (channel IN ('field', 'phone', 'partner', 'online')),
      CONSTRAINT ck_opportunity_probability CHECK (probability BETWEEN 0 AND 100),
      KEY ix_opportunity_owner_created (owner_id, created_at, id),
      KEY ix_opportunity_created (created_at, id),
      KEY ix_opportunity_account (account_id, created_at, id),
      KEY ix_opportunity_pipeline_stage (pipeline_id, stage, status),
      KEY ix_opportunity_campaign (campaign_id),
      KEY ix_opportunity_close_date (close_date)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE opportunity_stage_history (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      opportunity_id CHAR(36) NOT NULL,
      pipeline_id CHAR(36) NOT NULL,
      from_stage VARCHAR(32) NULL,
      to_stage VARCHAR(32) NOT NULL,
      probability INT NOT NULL,
      changed_by VARCHAR(64) NOT NULL,
      changed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      note VARCHAR(200) NULL,
      KEY ix_stage_history_opportunity (opportunity_id, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE opportunity_stage_history');
    await q.query('DROP TABLE opportunity');
  }
}
