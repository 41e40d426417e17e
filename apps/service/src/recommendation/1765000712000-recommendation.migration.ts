import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What recommendations know of each sales account: its industry and segment ("similar accounts"),
 * kept from the account events through the inbox (purpose `recommendation-profiles`). The account
 * directory has no industry; this table is the recommendation feature's own copy.
 */
export class RecommendationProfile1765000712000 implements MigrationInterface {
  name = 'RecommendationProfile1765000712000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE recommendation_account_profile (
      account_id CHAR(36) NOT NULL PRIMARY KEY,
      industry_code VARCHAR(8) NULL,
      segment VARCHAR(16) NOT NULL,
      version INT NOT NULL,
      KEY ix_recommendation_profile_peers (segment, industry_code)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE recommendation_account_profile');
  }
}
