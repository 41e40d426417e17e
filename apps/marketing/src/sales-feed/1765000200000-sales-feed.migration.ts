import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marketing's copy of sales opportunities and accounts, kept from sales' events (one row per
 * opportunity / account, its latest version). Other marketing features read the shared columns.
 */
export class SalesFeed1765000200000 implements MigrationInterface {
  name = 'SalesFeed1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sales_opportunity_fact (
      opportunity_id CHAR(36) NOT NULL PRIMARY KEY,
      account_id CHAR(36) NULL,
      lead_id CHAR(36) NULL,
      campaign_id CHAR(36) NULL,
      industry_code VARCHAR(16) NULL,
      territory_id VARCHAR(64) NULL,
      owner_id VARCHAR(64) NULL,
      channel VARCHAR(32) NULL,
      amount DECIMAL(18,2) NOT NULL,
      currency CHAR(3) NOT NULL,
      status VARCHAR(8) NOT NULL,
      competitor_ids JSON NOT NULL,
      lost_to_competitor_id CHAR(36) NULL,
      created_at DATETIME(3) NOT NULL,
      closed_at DATETIME(3) NULL,
      version INT NOT NULL,
      applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_sof_campaign (campaign_id, status),
      KEY ix_sof_account (account_id),
      KEY ix_sof_lead (lead_id),
      KEY ix_sof_created (created_at),
      KEY ix_sof_closed (status, closed_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    // The product lines of a closed opportunity (won / lost events carry them): product-line plans.
    await q.query(`CREATE TABLE sales_opportunity_line_fact (
      opportunity_id CHAR(36) NOT NULL,
      product_id CHAR(36) NOT NULL,
      amount DECIMAL(18,2) NOT NULL,
      PRIMARY KEY (opportunity_id, product_id),
      KEY ix_solf_product (product_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE sales_account_fact (
      account_id CHAR(36) NOT NULL PRIMARY KEY,
      industry_code VARCHAR(16) NULL,
      region_code VARCHAR(16) NULL,
      segment VARCHAR(32) NULL,
      owner_id VARCHAR(64) NULL,
      territory_id VARCHAR(64) NULL,
      created_at DATETIME(3) NOT NULL,
      version INT NOT NULL,
      applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_saf_created (created_at),
      KEY ix_saf_region (region_code),
      KEY ix_saf_industry (industry_code)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sales_account_fact');
    await q.query('DROP TABLE sales_opportunity_line_fact');
    await q.query('DROP TABLE sales_opportunity_fact');
  }
}
