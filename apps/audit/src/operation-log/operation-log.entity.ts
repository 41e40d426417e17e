import { Column, Entity, Index } from 'typeorm';
import type { OperationChange } from '@crm/contracts';
import { StoredEventColumns } from '../ingest/stored-event.entity.js';

/**
 * One stored operation event (SPEC §4.2). The schema is owned by OperationLogSchema1763880600000;
 * reads and writes go through OperationLogRepository's SQL (multi-row INSERT IGNORE, keyset pages).
 */
@Entity({ name: 'operation_log' })
@Index('uq_operation_log_id', ['id'], { unique: true })
export class OperationLogEntity extends StoredEventColumns {
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
}
