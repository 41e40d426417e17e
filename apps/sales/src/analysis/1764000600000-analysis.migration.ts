import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analysis' own tables, kept from the opportunity events (docs/sales/analysis.md):
 * - `analysis_opportunity`: one fact row per opportunity, latest version wins;
 * - `analysis_opportunity_line`: a won opportunity's amount per product (its accepted quote's lines);
 * - `analysis_cube`: sums per (figure kind, dimension, owner or `*`, month, currency, pipeline,
 *   channel, dimension value), changed by delta in the fact's transaction. Queries read only this.
 */
export class Analysis1764000600000 implements MigrationInterface {
  name = 'Analysis1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE analysis_opportunity (
      id CHAR(36) NOT NULL PRIMARY KEY,
      version INT NOT NULL,
      owner_version INT NOT NULL,
      owner_id VARCHAR(16) NOT NULL,
      territory_id VARCHAR(64) NULL,
      channel VARCHAR(16) NOT NULL,
      industry_code VARCHAR(8) NULL,
      pipeline_id VARCHAR(64) NOT NULL,
      stage VARCHAR(32) NOT NULL,
      status VARCHAR(8) NOT NULL,
      amount DECIMAL(18,2) NOT NULL,
      probability INT NOT NULL,
      currency VARCHAR(3) NOT NULL,
      close_date DATE NULL,
      created_at DATETIME(3) NULL,
      closed_at DATETIME(3) NULL,
      applied_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE analysis_opportunity_line (
      opportunity_id CHAR(36) NOT NULL,
      product_id VARCHAR(64) NOT NULL,
      amount DECIMAL(18,2) NOT NULL,
      PRIMARY KEY (opportunity_id, product_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE analysis_cube (
      kind VARCHAR(8) NOT NULL,
      dim VARCHAR(16) NOT NULL,
      owner_id VARCHAR(16) NOT NULL,
      month DATE NOT NULL,
      currency VARCHAR(3) NOT NULL,
      pipeline_id VARCHAR(64) NOT NULL,
      channel VARCHAR(16) NOT NULL,
      dim_value VARCHAR(64) NOT NULL,
      opp_count INT NOT NULL,
      amount DECIMAL(20,2) NOT NULL,
      weighted DECIMAL(24,4) NOT NULL,
      won_count INT NOT NULL,
      won_amount DECIMAL(20,2) NOT NULL,
      lost_count INT NOT NULL,
      cycle_days INT NOT NULL,
      PRIMARY KEY (kind, dim, owner_id, month, currency, pipeline_id, channel, dim_value),
      KEY ix_analysis_cube_month (kind, dim, month)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE analysis_cube');
    await q.query('DROP TABLE analysis_opportunity_line');
    await q.query('DROP TABLE analysis_opportunity');
  }
}
