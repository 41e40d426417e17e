import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CallerEntity } from './caller.entity.js';

/**
 * One password of a caller, stored only as an argon2id hash. A caller has one current credential
 * and, during a rotation, the previous one until `overlap_until`.
 */
@Entity('caller_credential')
export class CallerCredentialEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ name: 'caller_id', type: 'int', unsigned: true })
  callerId: number;

  @ManyToOne(() => CallerEntity, (c) => c.credentials, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caller_id' })
  caller: Relation<CallerEntity>;

  @Column({ type: 'varchar', length: 255 })
  hash: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'overlap_until', type: 'datetime', precision: 3, nullable: true })
  overlapUntil: Date | null;

  @Column({ name: 'expiry_warned_at', type: 'datetime', precision: 3, nullable: true })
  expiryWarnedAt: Date | null;
}
