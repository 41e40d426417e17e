import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { CallerCredentialEntity } from './caller-credential.entity.js';

export type CallerState = 'active' | 'disabled';

/** A system caller (interface account such as EOMS): identity, allowed patterns, state, lockout. */
@Entity('caller')
export class CallerEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  state: CallerState;

  @Column({ type: 'json' })
  allow: string[];

  @Column({ type: 'json', nullable: true })
  sources: string[] | null;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @OneToMany(() => CallerCredentialEntity, (c) => c.caller)
  credentials: Relation<CallerCredentialEntity[]>;
}
