import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns the call log and the operation log share (TypeORM concrete-table inheritance; the
 * schema itself is owned by each log's migration).
 */
export abstract class StoredEventColumns {
  /** Insertion order; breaks ties between events of the same millisecond for the cursor. */
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  seq: string;

  /** The event's own id: a redelivered event hits the unique key and is stored once. */
  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  id: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  /** The app that recorded the event. */
  @Column({ type: 'varchar', length: 32 })
  service: string;

  @Column({ name: 'request_id', type: 'varchar', length: 255, nullable: true })
  requestId: string | null;

  @Column({ name: 'stored_at', type: 'datetime', precision: 3 })
  storedAt: Date;
}
