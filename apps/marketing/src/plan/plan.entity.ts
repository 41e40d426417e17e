import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PlanTargets } from '@crm/contracts';

@Entity('market_plan')
export class MarketPlanEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** YYYY-MM-DD, inclusive. */
  @Column({ name: 'period_start', type: 'date', utc: true })
  periodStart: string;

  /** YYYY-MM-DD, inclusive. */
  @Column({ name: 'period_end', type: 'date', utc: true })
  periodEnd: string;

  @Column({ name: 'territory_id', type: 'varchar', length: 64, nullable: true })
  territoryId: string | null;

  @Column({ name: 'region_prefix', type: 'varchar', length: 6, nullable: true })
  regionPrefix: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  segment: string | null;

  @Column({ name: 'industry_code', type: 'varchar', length: 5, nullable: true })
  industryCode: string | null;

  /** The product line: products whose lines count; null for all products. */
  @Column({ name: 'product_ids', type: 'json', nullable: true })
  productIds: string[] | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'json' })
  targets: PlanTargets;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId: string;

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
