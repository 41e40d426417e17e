import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A forgot-password code: only its HMAC is stored; single use, short expiry, few attempts. */
@Entity('password_reset_code')
export class PasswordResetCodeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 16 })
  employeeId: string;

  /** HMAC-SHA-256(key derived from the master key, employeeId ‖ code), hex. */
  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  /** Spent by a reset, or superseded by a newer code. */
  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
