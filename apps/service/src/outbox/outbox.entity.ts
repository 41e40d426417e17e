import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OutboxKind = 'event' | 'eoms-call';

/**
 * Messages to send because of a committed change (status events, stage/final replies to EOMS),
 * written in the same transaction as the change and sent by the relay until confirmed.
 */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** Commit order, assigned by the database. */
  @Column({ type: 'bigint', unsigned: true, insert: false, update: false })
  seq?: string;

  /** `<kind>:<orderNo>`: rows of one stream are sent one after the other, oldest first. */
  @Column({ type: 'varchar', length: 100 })
  stream: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OutboxKind;

  @Column({ type: 'varchar', length: 200 })
  pattern: string;

  @Column({ type: 'json' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  caller: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}
