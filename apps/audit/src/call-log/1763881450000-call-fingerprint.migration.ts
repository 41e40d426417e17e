import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8, finding 2: call-event ids are random per processing, so two calls sharing a caller-chosen
 * id no longer collapse. What recognises a true redelivery instead is the event's fingerprint
 * (service, direction, record id, body hash), looked up only for events the broker marked as
 * redelivered. NULL for outbound calls and for rows stored before this migration. Not part of the
 * hash chain (it records nothing about the call that the chained columns do not).
 */
export class CallFingerprint1763881450000 implements MigrationInterface {
  name = 'CallFingerprint1763881450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE call_log ADD COLUMN fingerprint BINARY(32) NULL, ADD KEY ix_call_log_fingerprint (fingerprint)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE call_log DROP KEY ix_call_log_fingerprint, DROP COLUMN fingerprint');
  }
}
