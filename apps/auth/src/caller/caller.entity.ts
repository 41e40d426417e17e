import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { CallerCredentialEntity } from './caller-credential.entity.js';

export type CallerState = 'active' | 'disabled';

/** A system caller (interface account such as EOMS): identity, allowed patterns, state. Lockout: caller_lockout. */
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

  /**
   * One of the apps' own callers (`crm-<app>`, created by `system bootstrap`). Their failures are
   * counted and alerted but never lock: the apps' own credential checks go out under them.
   */
  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @OneToMany(() => CallerCredentialEntity, (c) => c.caller)
  credentials: Relation<CallerCredentialEntity[]>;
}
