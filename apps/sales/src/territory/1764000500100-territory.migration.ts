import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Territories (a region tree with industry and segment criteria, an owning team and one
 * assignment rule each), the round-robin state of each territory, and realignment runs.
 */
export class Territory1764000500100 implements MigrationInterface {
  name = 'Territory1764000500100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE territory (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      parent_id CHAR(36) NULL,
      region_code VARCHAR(12) NULL,
      industry_codes JSON NOT NULL,
      segments JSON NOT NULL,
      team_id CHAR(36) NULL,
      rule_id CHAR(36) NOT NULL,
      rule_kind VARCHAR(16) NOT NULL,
      rule_owner_id VARCHAR(16) NULL,
      priority INT NOT NULL DEFAULT 100,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_territory_created (created_at, id),
      KEY ix_territory_parent (parent_id, created_at, id),
      KEY ix_territory_team (team_id, created_at, id),
      CONSTRAINT fk_territory_parent FOREIGN KEY (parent_id) REFERENCES territory (id),
      CONSTRAINT fk_territory_team FOREIGN KEY (team_id) REFERENCES sales_team (id),
      CONSTRAINT ck_territory_rule_kind CHECK (rule_kind IN ('round-robin', 'least-loaded', 'fixed'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    // Kept apart from the territory row so placements (which lock it) never contend with edits.
    await q.query(`CREATE TABLE territory_assignment_state (
      territory_id CHAR(36) NOT NULL PRIMARY KEY,
      last_owner_id VARCHAR(16) NULL,
      assigned BIGINT NOT NULL DEFAULT 0,
      CONSTRAINT fk_territory_assignment_state FOREIGN KEY (territory_id) REFERENCES territory (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE territory_realignment (
      id CHAR(36) NOT NULL PRIMARY KEY,
      territory_id CHAR(36) NULL,
      dry_run TINYINT(1) NOT NULL,
      status VARCHAR(16) NOT NULL,
      scanned INT NOT NULL DEFAULT 0,
      moved INT NOT NULL DEFAULT 0,
      sample JSON NOT NULL,
      error VARCHAR(500) NULL,
      requested_by VARCHAR(64) NOT NULL,
      started_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      finished_at DATETIME(3) NULL,
      KEY ix_territory_realignment_started (started_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE territory_realignment');
    await q.query('DROP TABLE territory_assignment_state');
    await q.query('DROP TABLE territory');
  }
}
