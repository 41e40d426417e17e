import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type EmployeeStatus = 'active' | 'disabled';

/** Minimal employee record for operator login; the full lifecycle (onboarding, 2FA) builds on it. */
@Entity('employee')
export class EmployeeEntity {
  @PrimaryColumn({ name: 'employee_id', type: 'varchar', length: 16 })
  employeeId: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: EmployeeStatus;

  @Column({ type: 'json' })
  roles: string[];

  @Column({ name: 'session_version', type: 'int', default: 1 })
  sessionVersion: number;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_login_at', type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
