import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { WorkorderPriority, WorkorderStatus, WorkorderType } from '@crm/contracts';

/** An EOMS work order as the CRM tracks it; `order_no` (EOMS's id) is the idempotency key. */
@Entity('work_order')
export class WorkorderEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'order_no', type: 'varchar', length: 64, unique: true })
  orderNo: string;

  @Column({ type: 'varchar', length: 16 })
  type: WorkorderType;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  priority: WorkorderPriority;

  @Column({ type: 'varchar', length: 16 })
  status: WorkorderStatus;

  @Column({ name: 'customer_account_no', type: 'varchar', length: 64 })
  customerAccountNo: string;

  @Column({ name: 'customer_name', type: 'varchar', length: 128 })
  customerName: string;

  @Column({ name: 'customer_phone', type: 'varchar', length: 32 })
  customerPhone: string;

  @Column({ type: 'datetime', precision: 3 })
  deadline: Date;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 3 })
  dispatchedAt: Date;

  @Column({ name: 'urge_count', type: 'int', default: 0 })
  urgeCount: number;

  /** sha256 of the canonical dispatch content: same orderNo + same hash = safe retry. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ name: 'dispatched_by', type: 'varchar', length: 64 })
  dispatchedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
