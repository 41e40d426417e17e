import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Market plans: a period, an optional territory / region / segment / industry / product line, KPI targets. */
export class MarketPlan1765000202000 implements MigrationInterface {
  name = 'MarketPlan1765000202000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE market_plan (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      period_start DATE NOT NULL,
      period_end DATE NOT NULL,
      territory_id VARCHAR(64) NULL,
      region_prefix VARCHAR(6) NULL,
      segment VARCHAR(32) NULL,
      industry_code VARCHAR(5) NULL,
      product_ids JSON NULL,
      currency CHAR(3) NOT NULL,
      targets JSON NOT NULL,
      description TEXT NULL,
      owner_id VARCHAR(64) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_market_plan_created (created_at, id),
      KEY ix_market_plan_owner_created (owner_id, created_at, id),
      KEY ix_market_plan_period (period_start, period_end)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE market_plan');
  }
}
