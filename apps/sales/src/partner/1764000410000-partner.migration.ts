import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Channel partners and their deal registrations (issue 9 item 7). */
export class Partner1764000410000 implements MigrationInterface {
  name = 'Partner1764000410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE partner (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      region_codes JSON NOT NULL,
      tier VARCHAR(16) NOT NULL,
      status VARCHAR(16) NOT NULL,
      caller_name VARCHAR(64) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_partner_caller (caller_name),
      KEY ix_partner_owner_created (owner_id, created_at, id),
      KEY ix_partner_created (created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE deal_registration (
      id CHAR(36) NOT NULL PRIMARY KEY,
      partner_id CHAR(36) NOT NULL,
      partner_ref VARCHAR(64) NULL,
      account_name VARCHAR(200) NOT NULL,
      normalized_name VARCHAR(200) NOT NULL,
      registration_no VARCHAR(64) NULL,
      region_code VARCHAR(12) NULL,
      opportunity_name VARCHAR(200) NOT NULL,
      amount DECIMAL(18,2) NOT NULL,
      currency CHAR(3) NOT NULL,
      expected_close_date DATE NOT NULL,
      products JSON NOT NULL,
      status VARCHAR(16) NOT NULL,
      account_id CHAR(36) NULL,
      flagged TINYINT(1) NOT NULL DEFAULT 0,
      colliding_opportunity_ids JSON NOT NULL,
      colliding_registration_ids JSON NOT NULL,
      submitted_by VARCHAR(64) NOT NULL,
      decided_by VARCHAR(64) NULL,
      decided_at DATETIME(3) NULL,
      decision_reason VARCHAR(1000) NULL,
      version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_deal_registration_ref (partner_id, partner_ref),
      KEY ix_deal_registration_partner_created (partner_id, created_at, id),
      KEY ix_deal_registration_created (created_at, id),
      KEY ix_deal_registration_account (account_id, status),
      KEY ix_deal_registration_name (normalized_name, region_code),
      CONSTRAINT fk_deal_registration_partner FOREIGN KEY (partner_id) REFERENCES partner (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE deal_registration');
    await q.query('DROP TABLE partner');
  }
}
