import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The employee record as SPEC §3.3 needs it: contact data (forgot password goes by phone or
 * e-mail, so both are unique), the onboarding decision, and the password's lifecycle.
 */
export class EmployeeProfile1763880900000 implements MigrationInterface {
  name = 'EmployeeProfile1763880900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE employee
      ADD COLUMN department VARCHAR(128) NULL AFTER name,
      ADD COLUMN position VARCHAR(128) NULL AFTER department,
      ADD COLUMN phone VARCHAR(32) NULL AFTER position,
      ADD COLUMN email VARCHAR(254) NULL AFTER phone,
      ADD COLUMN filed_by VARCHAR(16) NULL,
      ADD COLUMN decided_by VARCHAR(16) NULL,
      ADD COLUMN decided_at DATETIME(3) NULL,
      ADD COLUMN decision_note VARCHAR(500) NULL,
      ADD COLUMN password_change_required TINYINT(1) NOT NULL DEFAULT 0,
      ADD COLUMN password_changed_at DATETIME(3) NULL,
      ADD COLUMN initial_password_expires_at DATETIME(3) NULL,
      ADD COLUMN last_reviewed_at DATETIME(3) NULL,
      ADD COLUMN disabled_at DATETIME(3) NULL,
      ADD COLUMN updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      MODIFY COLUMN password_hash VARCHAR(255) NULL,
      ADD UNIQUE KEY uq_employee_email (email),
      ADD UNIQUE KEY uq_employee_phone (phone),
      ADD KEY ix_employee_status (status)`);
    await q.query('UPDATE employee SET password_changed_at = created_at WHERE password_changed_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE employee
      DROP KEY uq_employee_email, DROP KEY uq_employee_phone, DROP KEY ix_employee_status,
      DROP COLUMN department, DROP COLUMN position, DROP COLUMN phone, DROP COLUMN email,
      DROP COLUMN filed_by, DROP COLUMN decided_by, DROP COLUMN decided_at, DROP COLUMN decision_note,
      DROP COLUMN password_change_required, DROP COLUMN password_changed_at, DROP COLUMN initial_password_expires_at,
      DROP COLUMN last_reviewed_at, DROP COLUMN disabled_at, DROP COLUMN updated_at`);
  }
}
