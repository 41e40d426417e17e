import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * pending: filed, waiting for an administrator's decision (cannot log in);
 * rejected: the filing was refused (the ID stays burnt); active: may log in;
 * disabled: left or suspended (never deleted, the ID is never reissued).
 * Roles live in `employee_role` (read them through `EmployeeRoles`).
 */
export type EmployeeStatus = 'pending' | 'rejected' | 'active' | 'disabled';

@Entity('employee')
export class EmployeeEntity {
  @PrimaryColumn({ name: 'employee_id', type: 'varchar', length: 16 })
  employeeId: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  department: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  position: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Null until approval sets the initial password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: EmployeeStatus;

  /** Bumped to end every session: access tokens carry it as `sv`. */
  @Column({ name: 'session_version', type: 'int', default: 1 })
  sessionVersion: number;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_login_at', type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  /** Who filed the onboarding request. */
  @Column({ name: 'filed_by', type: 'varchar', length: 16, nullable: true })
  filedBy: string | null;

  /** Who approved or rejected it, when, and why. */
  @Column({ name: 'decided_by', type: 'varchar', length: 16, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'varchar', length: 500, nullable: true })
  decisionNote: string | null;

  /** Set with an initial (or administrator-reset) password: the next login must change it. */
  @Column({ name: 'password_change_required', type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt: Date | null;

  /** An initial password not used by then no longer works. */
  @Column({ name: 'initial_password_expires_at', type: 'datetime', precision: 3, nullable: true })
  initialPasswordExpiresAt: Date | null;

  @Column({ name: 'last_reviewed_at', type: 'datetime', precision: 3, nullable: true })
  lastReviewedAt: Date | null;

  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true })
  disabledAt: Date | null;

  /** The review due date last announced as overdue (one announcement per overdue period). */
  @Column({ name: 'review_overdue_announced_for', type: 'datetime', precision: 3, nullable: true })
  reviewOverdueAnnouncedFor: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
