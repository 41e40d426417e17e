import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assets (one per contract line) and entitlements (one per contract), keyed by the sales contract's
 * natural keys so an activation re-sent under a new eventId still makes them once; and the
 * `entitlement_policy` mapping (longest `sku_prefix` wins) that gives an entitlement its tier and,
 * optionally, its SLA policy.
 */
export class Asset1765000711000 implements MigrationInterface {
  name = 'Asset1765000711000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE entitlement (
      id CHAR(36) NOT NULL PRIMARY KEY,
      account_id CHAR(36) NOT NULL,
      contract_id CHAR(36) NOT NULL,
      contract_no VARCHAR(40) NOT NULL,
      sla_policy_id CHAR(36) NULL,
      tier VARCHAR(16) NULL,
      valid_from DATE NOT NULL,
      valid_to DATE NULL,
      status VARCHAR(8) NOT NULL,
      ended_reason VARCHAR(16) NULL,
      contract_version INT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_entitlement_contract (contract_id),
      KEY ix_entitlement_account (account_id, valid_from),
      KEY ix_entitlement_created (created_at, id),
      CONSTRAINT ck_entitlement_status CHECK (status IN ('active', 'ended'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE asset (
      id CHAR(36) NOT NULL PRIMARY KEY,
      account_id CHAR(36) NOT NULL,
      contract_id CHAR(36) NOT NULL,
      contract_no VARCHAR(40) NOT NULL,
      line_no INT NOT NULL,
      product_id CHAR(36) NULL,
      sku VARCHAR(64) NOT NULL,
      name VARCHAR(200) NOT NULL,
      quantity DECIMAL(18,6) NOT NULL,
      status VARCHAR(8) NOT NULL,
      starts_on DATE NOT NULL,
      ends_on DATE NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_asset_contract_line (contract_id, line_no),
      KEY ix_asset_account (account_id, created_at, id),
      KEY ix_asset_created (created_at, id),
      KEY ix_asset_sku (sku, status, account_id),
      CONSTRAINT ck_asset_status CHECK (status IN ('active', 'ended'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE entitlement_policy (
      sku_prefix VARCHAR(64) NOT NULL PRIMARY KEY,
      tier VARCHAR(16) NOT NULL,
      sla_policy_id CHAR(36) NULL,
      note VARCHAR(200) NULL,
      CONSTRAINT ck_entitlement_policy_tier CHECK (tier IN ('standard', 'silver', 'gold', 'platinum'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`INSERT INTO entitlement_policy (sku_prefix, tier, sla_policy_id, note) VALUES
      ('SUP-PLAT', 'platinum', NULL, 'platinum support contracts'),
      ('SUP-PREM', 'gold', NULL, 'premium support'),
      ('BB-1000', 'silver', NULL, 'gigabit broadband')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE entitlement_policy');
    await q.query('DROP TABLE asset');
    await q.query('DROP TABLE entitlement');
  }
}
