import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An employee's TOTP secret, sealed by the SecretBox (context `auth/totp/<employeeId>`). */
@Entity('employee_totp')
export class EmployeeTotpEntity {
  @PrimaryColumn({ name: 'employee_id', type: 'varchar', length: 16 })
  employeeId: string;

  @Column({ name: 'key_id', type: 'varchar', length: 32 })
  keyId: string;

  @Column({ type: 'varchar', length: 32 })
  iv: string;

  @Column({ type: 'text' })
  ciphertext: string;

  @Column({ type: 'varchar', length: 32 })
  tag: string;

  /** Null until the employee proved the authenticator works; only confirmed TOTP is enforced at login. */
  @Column({ name: 'confirmed_at', type: 'datetime', precision: 3, nullable: true })
  confirmedAt: Date | null;

  /** Highest time step ever accepted; a code of this step or an earlier one is refused (replay). BIGINT comes back as a string. */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true })
  lastUsedStep: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
