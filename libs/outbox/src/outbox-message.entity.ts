import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the relay stamps on the published event besides the row's own id and time. */
export interface OutboxMeta {
  caller?: string | null;
  employeeId?: string | null;
}

/**
 * One event to publish because of a committed change. Written in the change's own transaction
 * (`OutboxWriter.add`) and published by `OutboxRelay` until the broker confirms it; the row id is
 * the event's `eventId`, so a re-send is recognisable downstream.
 */
@Entity('outbox_message')
export class OutboxMessageEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** Commit order, assigned by the database; the relay sends oldest first. */
  @Column({ type: 'bigint', unsigned: true, insert: false, update: false })
  seq?: string;

  @Column({ type: 'varchar', length: 200 })
  pattern: string;

  @Column({ type: 'json' })
  data: Record<string, unknown>;

  @Column({ type: 'json' })
  meta: OutboxMeta;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Not before this time: a retry's backoff, or the lease of the relay that claimed the row. */
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}
