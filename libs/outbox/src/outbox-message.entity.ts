import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who caused a row: stamped on the published event. */
export interface OutboxActor {
  caller?: string | null;
  employeeId?: string | null;
}

/** What the relay needs besides the row's own id and time. */
export interface OutboxMeta extends OutboxActor {
  /**
   * W3C trace context active when the row was written (the call or event being handled): the
   * relay sends the row as a leg of that trace, after a restart too. Absent outside any trace.
   */
  traceparent?: string;
  tracestate?: string;
}

/** `event`: published on `<ns>.events`; `call`: an RPC to `target` with this app's credentials for it. */
export type OutboxKind = 'event' | 'call';

/**
 * One message to send because of a committed change. Written in the change's own transaction
 * (`OutboxWriter`) and sent by `OutboxRelay` until the broker confirms it (an event) or the callee
 * answers (a call); then the row is deleted. The row id is the event's `eventId`, or the call's
 * `requestId`, so a re-send is recognisable downstream.
 */
@Entity('outbox_message')
export class OutboxMessageEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** Commit order, assigned by the database; the relay sends oldest first. */
  @Column({ type: 'bigint', unsigned: true, insert: false, update: false })
  seq?: string;

  @Column({ type: 'varchar', length: 8, default: 'event' })
  kind: OutboxKind;

  /** Rows sharing a stream key leave one at a time, oldest first; null: no order. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  stream: string | null;

  /** For a call: the called system, as the credential store and the call log name it (`eoms`). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  target: string | null;

  @Column({ type: 'varchar', length: 200 })
  pattern: string;

  /** The event's data, or the call's payload. */
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
