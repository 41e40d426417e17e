import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leads, their touches and their history. Dedupe lives in the schema: `open_phone`/`open_email`
 * are the normalised phone and e-mail while the lead is open (new, working, nurturing, qualified)
 * and NULL once it is converted or disqualified; their UNIQUE keys (which allow many NULLs) make a
 * second open lead with the same phone or e-mail impossible, whichever replica inserts it.
 */
export class Lead1765000100000 implements MigrationInterface {
  name = 'Lead1765000100000';

  async up(q: QueryRunner): Promise<void> {
    const open = `status IN ('new', 'working', 'nurturing', 'qualified')`;
    await q.query(`CREATE TABLE \`lead\` (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      company VARCHAR(200) NULL,
      phone_norm VARCHAR(16) NULL,
      email_norm VARCHAR(254) NULL,
      industry_code VARCHAR(8) NULL,
      region_code CHAR(6) NULL,
      segment VARCHAR(32) NULL,
      company_size INT NULL,
      source VARCHAR(16) NOT NULL,
      campaign_id CHAR(36) NULL,
      attributes JSON NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'new',
      status_reason VARCHAR(500) NULL,
      score INT NOT NULL DEFAULT 0,
      score_reasons JSON NULL,
      owner_id VARCHAR(64) NULL,
      merged_into_id CHAR(36) NULL,
      converted_at DATETIME(3) NULL,
      account_id CHAR(36) NULL,
      opportunity_id CHAR(36) NULL,
      touches INT NOT NULL DEFAULT 1,
      last_touch_at DATETIME(3) NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      open_phone VARCHAR(16) AS (IF(${open}, phone_norm, NULL)) PERSISTENT,
      open_email VARCHAR(254) AS (IF(${open}, email_norm, NULL)) PERSISTENT,
      UNIQUE KEY uq_lead_open_phone (open_phone),
      UNIQUE KEY uq_lead_open_email (open_email),
      KEY ix_lead_created (created_at, id),
      KEY ix_lead_owner_created (owner_id, created_at, id),
      KEY ix_lead_status_created (status, created_at, id),
      KEY ix_lead_campaign_created (campaign_id, created_at, id),
      KEY ix_lead_owner_status (owner_id, status),
      CONSTRAINT ck_lead_status CHECK (status IN ('new', 'working', 'nurturing', 'qualified', 'converted', 'disqualified'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE lead_touch (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      lead_id CHAR(36) NOT NULL,
      campaign_id CHAR(36) NULL,
      kind VARCHAR(16) NOT NULL,
      source VARCHAR(16) NULL,
      occurred_at DATETIME(3) NOT NULL,
      KEY ix_lead_touch_lead (lead_id, kind, campaign_id),
      KEY ix_lead_touch_campaign (campaign_id, kind)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE lead_history (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      lead_id CHAR(36) NOT NULL,
      origin_lead_id CHAR(36) NOT NULL,
      action VARCHAR(16) NOT NULL,
      actor VARCHAR(64) NOT NULL,
      details JSON NOT NULL,
      at DATETIME(3) NOT NULL,
      KEY ix_lead_history_lead (lead_id, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE lead_history');
    await q.query('DROP TABLE lead_touch');
    await q.query('DROP TABLE `lead`');
  }
}
