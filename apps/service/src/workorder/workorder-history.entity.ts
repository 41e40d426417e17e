import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WorkorderStatus } from '@crm/contracts';

/** Every action on an order, in order. `request_key` (a hash of caller, requestId, action and order) makes a redelivered call apply once. */
@Entity('work_order_history')
export class WorkorderHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'work_order_id', type: 'char', length: 36 })
  workOrderId: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: WorkorderStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: WorkorderStatus;

  @Column({ type: 'varchar', length: 64 })
  by: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'request_key', type: 'varchar', length: 200, nullable: true, unique: true })
  requestKey: string | null;
}
