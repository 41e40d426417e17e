import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CampaignStepStatus } from '@crm/contracts';

/** One step of a campaign's action plan. */
@Entity('campaign_step')
export class CampaignStepEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'campaign_id', type: 'char', length: 36 })
  campaignId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'owner_id', type: 'varchar', length: 64, nullable: true })
  ownerId: string | null;

  @Column({ name: 'due_date', type: 'date', utc: true, nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: CampaignStepStatus;

  @Column({ type: 'decimal', precision: 18, scale: 2 })
  cost: string;

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
