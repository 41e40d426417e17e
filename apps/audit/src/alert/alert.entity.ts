import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One alert (SPEC §4.3). The schema is owned by AlertSchema1763881300000; this class documents it
 * for TypeORM. Reads and writes go through AlertRepository's SQL (upserts on the open key, claims
 * with SKIP LOCKED), which the entity API cannot express.
 */
@Entity({ name: 'alert' })
@Index('uq_alert_id', ['id'], { unique: true })
@Index('uq_alert_open_key', ['openKey'], { unique: true })
export class AlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  seq: string;

  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  id: string;

  @Column({ type: 'varchar', length: 48 })
  rule: string;

  @Column({ type: 'varchar', length: 16 })
  severity: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  /** `rule|subject` while open, NULL once acknowledged: at most one open alert per incident. */
  @Column({ name: 'open_key', type: 'varchar', length: 320, nullable: true })
  openKey: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'json' })
  details: Record<string, unknown>;

  @Column({ type: 'int', unsigned: true })
  occurrences: number;

  @Column({ name: 'first_seen_at', type: 'datetime', precision: 3 })
  firstSeenAt: Date;

  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3 })
  lastSeenAt: Date;

  @Column({ name: 'raised_at', type: 'datetime', precision: 3 })
  raisedAt: Date;

  @Column({ name: 'acknowledged_at', type: 'datetime', precision: 3, nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 128, nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'ack_note', type: 'varchar', length: 1000, nullable: true })
  ackNote: string | null;

  /** NULL: the `audit.alert.raised.v1` event is still to be published (pending marker). */
  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'publish_attempts', type: 'int', unsigned: true })
  publishAttempts: number;

  @Column({ name: 'publish_due_at', type: 'datetime', precision: 3, nullable: true })
  publishDueAt: Date | null;

  @Column({ name: 'webhook_due_at', type: 'datetime', precision: 3, nullable: true })
  webhookDueAt: Date | null;

  @Column({ name: 'webhook_attempts', type: 'int', unsigned: true })
  webhookAttempts: number;
}
