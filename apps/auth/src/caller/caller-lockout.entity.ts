import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failures and lock of one (caller name, source) pair (SPEC §3.1). `name` is the name as sent,
 * existing or not, so unknown names lock exactly like known ones; `source` is the AMQP `user_id`
 * ('' when absent). Rows expire (`expires_at`) and are purged, which bounds the table.
 */
@Entity('caller_lockout')
export class CallerLockoutEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  source: string;

  @Column({ type: 'int', unsigned: true })
  failures: number;

  @Column({ name: 'window_started_at', type: 'datetime', precision: 3 })
  windowStartedAt: Date;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;
}
