import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ContractStatus } from '@crm/contracts';

@Entity('contract')
export class ContractEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'contract_no', type: 'varchar', length: 32 })
  contractNo: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'account_id', type: 'char', length: 36 })
  accountId: string;

  @Column({ name: 'quote_id', type: 'char', length: 36, nullable: true })
  quoteId: string | null;

  @Column({ name: 'opportunity_id', type: 'char', length: 36, nullable: true })
  opportunityId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ContractStatus;

  /** `YYYY-MM-DD` (TypeORM reads DATE columns as text). */
  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  /** Last day of the term, inclusive. */
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ name: 'term_months', type: 'int', nullable: true })
  termMonths: number | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** DECIMAL(18,2) as text: exact. */
  @Column({ type: 'decimal', precision: 18, scale: 2 })
  value: string;

  /** What `own`/`team` data scopes match. */
  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId: string;

  @Column({ name: 'predecessor_id', type: 'char', length: 36, nullable: true })
  predecessorId: string | null;

  @Column({ name: 'successor_id', type: 'char', length: 36, nullable: true })
  successorId: string | null;

  @Column({ name: 'activated_at', type: 'datetime', precision: 3, nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'activated_by', type: 'varchar', length: 64, nullable: true })
  activatedBy: string | null;

  @Column({ name: 'terminated_at', type: 'datetime', precision: 3, nullable: true })
  terminatedAt: Date | null;

  @Column({ name: 'terminated_by', type: 'varchar', length: 64, nullable: true })
  terminatedBy: string | null;

  @Column({ name: 'termination_reason', type: 'varchar', length: 1000, nullable: true })
  terminationReason: string | null;

  @Column({ name: 'termination_effective_date', type: 'date', nullable: true })
  terminationEffectiveDate: string | null;

  /** Set once per term by the renewal-notice job's conditional UPDATE: the once-only guard. */
  @Column({ name: 'renewal_notice_at', type: 'datetime', precision: 3, nullable: true })
  renewalNoticeAt: Date | null;

  @Column({ name: 'expired_at', type: 'datetime', precision: 3, nullable: true })
  expiredAt: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

@Entity('contract_line')
export class ContractLineEntity {
  @PrimaryColumn({ name: 'contract_id', type: 'char', length: 36 })
  contractId: string;

  @PrimaryColumn({ name: 'line_no', type: 'int' })
  lineNo: number;

  @Column({ name: 'product_id', type: 'char', length: 36, nullable: true })
  productId: string | null;

  @Column({ type: 'varchar', length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'decimal', precision: 18, scale: 6 })
  quantity: string;

  @Column({ name: 'unit_price', type: 'decimal', precision: 20, scale: 6 })
  unitPrice: string;

  @Column({ type: 'decimal', precision: 18, scale: 2 })
  amount: string;
}
