import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CustomerSegment } from '@crm/contracts';

/**
 * Service's read-only copy of the sales customers it needs to recognise (no personal data),
 * kept from `sales.customer.created.v1` / `updated.v1` through the inbox.
 */
@Entity('account_directory')
export class AccountDirectoryEntity {
  /** The customer's id in sales (`customerId`). */
  @PrimaryColumn({ name: 'customer_id', type: 'char', length: 36 })
  customerId: string;

  @Column({ name: 'account_no', type: 'varchar', length: 32 })
  accountNo: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  segment: CustomerSegment;

  /** The sales record's version this row reflects; an older event never overwrites a newer one. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'source_updated_at', type: 'datetime', precision: 3 })
  sourceUpdatedAt: Date;
}
