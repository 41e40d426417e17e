import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CampaignStatus, CampaignType, SegmentCriteria } from '@crm/contracts';

@Entity('campaign')
export class CampaignEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: CampaignType;

  @Column({ name: 'parent_id', type: 'char', length: 36, nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: CampaignStatus;

  /** YYYY-MM-DD. */
  @Column({ name: 'start_date', type: 'date', utc: true })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', utc: true })
  endDate: string;

  /** DECIMAL(18,2) as mysql2 returns it: a string. */
  @Column({ type: 'decimal', precision: 18, scale: 2 })
  budget: string;

  @Column({ name: 'expected_revenue', type: 'decimal', precision: 18, scale: 2 })
  expectedRevenue: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  strategy: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  variant: string | null;

  /** The dynamic segment's criteria, or null for a campaign with static members only. */
  @Column({ name: 'segment_criteria', type: 'json', nullable: true })
  segmentCriteria: SegmentCriteria | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The owning employee: what `own`/`team` data scopes match. */
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
