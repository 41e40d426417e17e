import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One stored call event (SPEC §4.1). The schema is owned by CallLogSchema1763880500000; this class
 * documents it for TypeORM. Reads and writes go through CallLogRepository's SQL, which needs
 * multi-row INSERT IGNORE and keyset pagination.
 */
@Entity({ name: 'call_log' })
@Index('uq_call_log_id', ['id'], { unique: true })
export class CallLogEntity {
  /** Insertion order; breaks ties between calls of the same millisecond for the cursor. */
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  seq: string;

  /** The event's id (random per processing): the audit queue's own redelivery hits the unique key and is stored once. */
  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  id: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'varchar', length: 8 })
  direction: 'inbound' | 'outbound';

  @Column({ type: 'varchar', length: 32 })
  service: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  caller: string | null;

  @Column({ type: 'varchar', length: 128 })
  callee: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  pattern: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 255, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  actor: string | null;

  @Column({ type: 'int' })
  code: number;

  @Column({ type: 'boolean' })
  ok: boolean;

  @Column({ name: 'duration_ms', type: 'double' })
  durationMs: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  source: string | null;

  /** Recognises a redelivery of the same message (CallFingerprint1763881450000); null for outbound calls. */
  @Index('ix_call_log_fingerprint')
  @Column({ type: 'binary', length: 32, nullable: true })
  fingerprint: Buffer | null;

  @Column({ name: 'stored_at', type: 'datetime', precision: 3 })
  storedAt: Date;
}
