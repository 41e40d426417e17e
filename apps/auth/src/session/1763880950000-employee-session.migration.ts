import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per login: the refresh token's hash (never the token) and the session version it belongs to. */
export class EmployeeSession1763880950000 implements MigrationInterface {
  name = 'EmployeeSession1763880950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE employee_session (
      sid CHAR(22) NOT NULL PRIMARY KEY,
      employee_id VARCHAR(16) NOT NULL,
      session_version INT NOT NULL,
      refresh_hash BINARY(32) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      expires_at DATETIME(3) NOT NULL,
      last_used_at DATETIME(3) NULL,
      revoked_at DATETIME(3) NULL,
      revoked_reason VARCHAR(32) NULL,
      KEY ix_employee_session_employee (employee_id),
      KEY ix_employee_session_expires (expires_at)
    ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE employee_session');
  }
}
