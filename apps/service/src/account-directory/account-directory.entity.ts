import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccountSegment } from '@crm/contracts';

/**
 * Service's read-only copy of the sales accounts it needs to recognise (no personal data),
 * kept from `sales.account.created.v1` / `updated.v1` through the inbox.
 */
@Entity('account_directory')
export class AccountDirectoryEntity {
  /** The account's id in sales (`accountId`). */
  @PrimaryColumn({ name: 'account_id', type: 'char', length: 36 })
  accountId: string;

  @Column({ name: 'account_no', type: 'varchar', length: 32 })
  accountNo: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  segment: AccountSegment;

  /** The sales record's version this row reflects; an older event never overwrites a newer one. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'source_updated_at', type: 'datetime', precision: 3 })
  sourceUpdatedAt: Date;
}
