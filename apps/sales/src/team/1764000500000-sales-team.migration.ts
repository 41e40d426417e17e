import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sales teams: a manager and members (employee IDs). `team` data scopes resolve through them in auth. */
export class SalesTeam1764000500000 implements MigrationInterface {
  name = 'SalesTeam1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sales_team (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      manager_id VARCHAR(16) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_sales_team_name (name),
      KEY ix_sales_team_manager (manager_id),
      KEY ix_sales_team_created (created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE sales_team_member (
      team_id CHAR(36) NOT NULL,
      employee_id VARCHAR(16) NOT NULL,
      added_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (team_id, employee_id),
      KEY ix_sales_team_member_employee (employee_id),
      CONSTRAINT fk_sales_team_member_team FOREIGN KEY (team_id) REFERENCES sales_team (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sales_team_member');
    await q.query('DROP TABLE sales_team');
  }
}
