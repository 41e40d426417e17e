import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('opportunity_stage_history')
export class StageHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'opportunity_id', type: 'char', length: 36 })
  opportunityId: string;

  @Column({ name: 'pipeline_id', type: 'char', length: 36 })
  pipelineId: string;

  @Column({ name: 'from_stage', type: 'varchar', length: 32, nullable: true })
  fromStage: string | null;

  @Column({ name: 'to_stage', type: 'varchar', length: 32 })
  toStage: string;

  @Column({ type: 'int' })
  probability: number;

  @Column({ name: 'changed_by', type: 'varchar', length: 64 })
  changedBy: string;

  @Column({ name: 'changed_at', type: 'datetime', precision: 3 })
  changedAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;
}
