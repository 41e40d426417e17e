import { Column, Entity, Index } from 'typeorm';
import { StoredEventColumns } from '../ingest/stored-event.entity.js';

/**
 * One stored call event (SPEC §4.1). The schema is owned by CallLogSchema1763880500000; this class
 * documents it for TypeORM. Reads and writes go through CallLogRepository's SQL, which needs
 * multi-row INSERT IGNORE and keyset pagination.
 */
@Entity({ name: 'call_log' })
@Index('uq_call_log_id', ['id'], { unique: true })
export class CallLogEntity extends StoredEventColumns {
  @Column({ type: 'varchar', length: 8 })
  direction: 'inbound' | 'outbound';

  @Column({ type: 'varchar', length: 128, nullable: true })
  caller: string | null;

  @Column({ type: 'varchar', length: 128 })
  callee: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  pattern: string | null;

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

  /** W3C trace context of the leg (CallTrace1765100000000); null for rows stored before it. */
  @Column({ name: 'trace_id', type: 'char', length: 32, charset: 'ascii', collation: 'ascii_bin', nullable: true })
  traceId: string | null;

  @Column({ name: 'span_id', type: 'char', length: 16, charset: 'ascii', collation: 'ascii_bin', nullable: true })
  spanId: string | null;

  @Column({ name: 'parent_span_id', type: 'char', length: 16, charset: 'ascii', collation: 'ascii_bin', nullable: true })
  parentSpanId: string | null;

  /** Recognises a redelivery of the same message (CallFingerprint1763881450000); null for outbound calls. Call ids are random per processing. */
  @Index('ix_call_log_fingerprint')
  @Column({ type: 'binary', length: 32, nullable: true })
  fingerprint: Buffer | null;
}
