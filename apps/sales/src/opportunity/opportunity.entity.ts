import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OpportunityChannel, OpportunityStatus } from '@crm/contracts';

@Entity('opportunity')
export class OpportunityEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'account_id', type: 'char', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** DECIMAL(18,2): the driver gives a string, never a float. */
  @Column({ type: 'decimal', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'close_date', type: 'date' })
  closeDate: string;

  @Column({ name: 'pipeline_id', type: 'char', length: 36 })
  pipelineId: string;

  @Column({ type: 'varchar', length: 32 })
  stage: string;

  @Column({ type: 'int' })
  probability: number;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: OpportunityStatus;

  @Column({ type: 'varchar', length: 16 })
  channel: OpportunityChannel;

  @Column({ name: 'campaign_id', type: 'char', length: 36, nullable: true })
  campaignId: string | null;

  @Column({ name: 'lead_id', type: 'char', length: 36, nullable: true })
  leadId: string | null;

  @Column({ name: 'partner_id', type: 'char', length: 36, nullable: true })
  partnerId: string | null;

  /** What `own`/`team` data scopes match. */
  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId: string;

  @Column({ name: 'territory_id', type: 'char', length: 36, nullable: true })
  territoryId: string | null;

  /** Copied from the account when the opportunity is created (GB/T 4754). */
  @Column({ name: 'industry_code', type: 'varchar', length: 8, nullable: true })
  industryCode: string | null;

  @Column({ name: 'competitor_ids', type: 'json' })
  competitorIds: string[];

  @Column({ name: 'close_reason', type: 'varchar', length: 500, nullable: true })
  closeReason: string | null;

  @Column({ name: 'lost_to_competitor_id', type: 'char', length: 36, nullable: true })
  lostToCompetitorId: string | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

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
