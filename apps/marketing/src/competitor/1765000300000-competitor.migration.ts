import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Competitors. `name_key` (the trimmed, lower-cased name) is unique, so two writers cannot create
 * the same competitor under different spellings of case. SWOT lists, products, segments and
 * industries are JSON arrays: they are read and written whole with the competitor.
 */
export class Competitor1765000300000 implements MigrationInterface {
  name = 'Competitor1765000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE competitor (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      name_key VARCHAR(200) NOT NULL,
      website VARCHAR(500) NULL,
      description TEXT NULL,
      strengths JSON NOT NULL,
      weaknesses JSON NOT NULL,
      opportunities JSON NOT NULL,
      threats JSON NOT NULL,
      products JSON NOT NULL,
      segments JSON NOT NULL,
      industries JSON NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_competitor_name (name_key),
      KEY ix_competitor_created (created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE competitor');
  }
}
