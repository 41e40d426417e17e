import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who shares a team with whom, per business app: what a `team` data scope resolves to (SPEC §6.0).
 * A minimal lookup kept in auth until the sales and service issues build full teams (managers,
 * quotas, territories); their team model then feeds the same answer.
 */
export class TeamMember1763881510000 implements MigrationInterface {
  name = 'TeamMember1763881510000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE team_member (
      app VARCHAR(16) NOT NULL,
      team VARCHAR(64) NOT NULL,
      employee_id VARCHAR(16) NOT NULL,
      added_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      added_by VARCHAR(64) NULL,
      PRIMARY KEY (app, team, employee_id),
      KEY ix_team_member_employee (employee_id, app),
      CONSTRAINT fk_team_member_employee FOREIGN KEY (employee_id) REFERENCES employee (employee_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE team_member');
  }
}
