import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AccountSegment } from '@crm/contracts';

/** An enterprise account (the former `customer` table). `region_key`, a generated column, is not mapped. */
@Entity('account')
export class AccountEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'account_no', type: 'varchar', length: 32 })
  accountNo: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** `normalizeAccountName(name)`: with `region_key`, the duplicate key. */
  @Column({ name: 'normalized_name', type: 'varchar', length: 200 })
  normalizedName: string;

  @Column({ name: 'registration_no', type: 'varchar', length: 18, nullable: true })
  registrationNo: string | null;

  @Column({ name: 'industry_code', type: 'varchar', length: 8, nullable: true })
  industryCode: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 12, nullable: true })
  regionCode: string | null;

  /** 0, or n for the n-th migrated customer that repeated an earlier one's name (kept, see the migration). */
  @Column({ name: 'legacy_duplicate', type: 'int', default: 0 })
  legacyDuplicate: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 16, default: 'consumer' })
  segment: AccountSegment;

  @Column({ name: 'parent_id', type: 'char', length: 36, nullable: true })
  parentId: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** The owning employee: what `own`/`team` data scopes match. */
  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId: string;

  @Column({ name: 'territory_id', type: 'char', length: 36, nullable: true })
  territoryId: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
