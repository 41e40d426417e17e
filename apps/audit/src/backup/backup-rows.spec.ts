import { describe, expect, it } from '@jest/globals';
import { CALL_LOG } from '../integrity/chain-logs.js';
import { recordToRow, rowToRecord } from './backup-rows.js';

const stored = {
  seq: '7',
  id: '0b7e9a52-6c1f-4f5e-9d7a-1f2e3d4c5b6a',
  at: new Date('2026-11-23T08:00:00.123Z'),
  direction: 'inbound',
  service: 'service',
  caller: 'EOMS',
  callee: 'service',
  pattern: 'service.workorder.dispatch.v1',
  request_id: 'rq-1',
  actor: null,
  code: 0,
  ok: 1,
  duration_ms: 1.5,
  message: null,
  source: null,
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  span_id: '00f067aa0ba902b7',
  parent_span_id: null,
  stored_at: new Date('2026-11-23T08:00:00.200Z'),
  row_hash: Buffer.alloc(32, 1),
};

describe('backup lines of the call log', () => {
  it('carry the trace columns and read back to the same row (and hash input)', () => {
    const record = rowToRecord(CALL_LOG, stored);
    expect(record).toMatchObject({ trace_id: stored.trace_id, span_id: stored.span_id, parent_span_id: null });
    const row = recordToRow(CALL_LOG, JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
    expect(CALL_LOG.canonical(row)).toBe(CALL_LOG.canonical(stored));
  });

  it('read a line written before the trace columns existed as untraced, and still refuse a line missing anything else', () => {
    const { trace_id, span_id, parent_span_id, ...old } = rowToRecord(CALL_LOG, stored);
    void [trace_id, span_id, parent_span_id];
    expect(recordToRow(CALL_LOG, old)).toMatchObject({ trace_id: null, span_id: null, parent_span_id: null });
    const { caller, ...broken } = old;
    void caller;
    expect(() => recordToRow(CALL_LOG, broken)).toThrow('backup line without caller');
  });
});
