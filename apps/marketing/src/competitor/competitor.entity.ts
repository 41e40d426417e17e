import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CompetitorProduct } from '@crm/contracts';

@Entity('competitor')
export class CompetitorEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The trimmed, lower-cased name: what uniqueness is about. */
  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'json' })
  strengths: string[];

  @Column({ type: 'json' })
  weaknesses: string[];

  @Column({ type: 'json' })
  opportunities: string[];

  @Column({ type: 'json' })
  threats: string[];

  @Column({ type: 'json' })
  products: CompetitorProduct[];

  @Column({ type: 'json' })
  segments: string[];

  @Column({ type: 'json' })
  industries: string[];

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
