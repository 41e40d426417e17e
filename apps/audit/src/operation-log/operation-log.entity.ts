import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OperationChange } from '@crm/contracts';

/**
 * One stored operation event (SPEC §4.2). The schema is owned by OperationLogSchema1763880600000;
 * reads and writes go through OperationLogRepository's SQL (multi-row INSERT IGNORE, keyset pages).
 */
@Entity({ name: 'operation_log' })
@Index('uq_operation_log_id', ['id'], { unique: true })
export class OperationLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  seq: string;

  /** Chosen by the producer: a redelivered event hits the unique key and is stored once. */
  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  id: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  service: string;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: 'employee' | 'caller';

  @Column({ type: 'varchar', length: 128 })
  actor: string;

  @Column({ type: 'varchar', length: 64 })
  entity: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 128 })
  entityId: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'json' })
  changes: OperationChange[];

  @Column({ name: 'request_id', type: 'varchar', length: 255, nullable: true })
  requestId: string | null;

  @Column({ name: 'stored_at', type: 'datetime', precision: 3 })
  storedAt: Date;
}
