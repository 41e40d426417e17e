import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ReviewDecision = 'confirm' | 'revoke';

/** One access-review decision: who reviewed whom, what they decided and what it changed. */
@Entity('access_review')
export class AccessReviewEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 16 })
  employeeId: string;

  @Column({ name: 'reviewer_id', type: 'varchar', length: 16 })
  reviewerId: string;

  @Column({ type: 'varchar', length: 16 })
  decision: ReviewDecision;

  @Column({ type: 'varchar', length: 1000 })
  note: string;

  /** Roles a partial revoke removed; null for confirm and for a revoke that disabled the ID. */
  @Column({ name: 'removed_roles', type: 'json', nullable: true })
  removedRoles: string[] | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
