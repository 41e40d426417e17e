import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: every call event carries its W3C trace context, so the call detail lists all legs of a
 * call — the partner's call, the credential check it caused, the calls its outbox rows made — by
 * trace id (`GET /audit/calls/:id`, `GET /audit/calls?traceId=`). NULL for rows stored before and
 * events of older apps (linked by requestId as before). Hash-chained only when set, so existing
 * rows keep their hashes. The index follows the (X, at, seq) shape of every call-log filter.
 */
export class CallTrace1765100000000 implements MigrationInterface {
  name = 'CallTrace1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call_log
      ADD COLUMN trace_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
      ADD COLUMN span_id CHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL,
      ADD COLUMN parent_span_id CHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL,
      ADD KEY ix_call_log_trace_at (trace_id, at, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE call_log DROP KEY ix_call_log_trace_at, DROP COLUMN parent_span_id, DROP COLUMN span_id, DROP COLUMN trace_id',
    );
  }
}
