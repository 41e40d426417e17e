import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version of each sales team auth has applied to `team_member` (from
 * `sales.team.members-changed.v1`), so an older event delivered late never undoes a newer one.
 */
export class SalesTeamSource1764000500900 implements MigrationInterface {
  name = 'SalesTeamSource1764000500900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE team_source (
      app VARCHAR(16) NOT NULL,
      team VARCHAR(64) NOT NULL,
      name VARCHAR(100) NULL,
      manager_id VARCHAR(16) NULL,
      version INT NOT NULL,
      unknown_members JSON NULL,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (app, team)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE team_source');
  }
}
