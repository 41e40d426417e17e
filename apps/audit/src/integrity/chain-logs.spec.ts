import { describe, expect, it } from '@jest/globals';
import { ChainKeyring, deriveChainKey, rowHash } from './chain-crypto.js';
import { CALL_LOG, callEventRow, canonicalJson, OPERATION_LOG, operationEventRow, storedDuration } from './chain-logs.js';

const key = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });

const event = {
  id: '0b7e9a52-6c1f-4f5e-9d7a-1f2e3d4c5b6a',
  at: new Date('2026-11-23T08:00:00.123Z'),
  direction: 'inbound' as const,
  service: 'service',
  caller: 'EOMS',
  callee: 'service',
  pattern: 'service.workorder.dispatch.v1',
  requestId: 'rq-1',
  actor: null,
  code: 0,
  ok: true,
  durationMs: 9253.177966373307,
  message: null,
  source: null,
  redelivered: false,
  fingerprint: null,
  traceId: null,
  spanId: null,
  parentSpanId: null,
};

const TRACE = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: 'b7ad6b7169203331' };

describe('canonical row bytes', () => {
  it('hash what the database gives back, not what the event said', () => {
    const row = callEventRow(event);
    // As mysql2 returns it: DOUBLE re-read through text (last digits may differ), BOOLEAN as 0/1.
    const stored = { ...row, ok: 1, duration_ms: Number('9253.178000000001'), seq: '1', stored_at: new Date() };
    expect(CALL_LOG.canonical(stored)).toBe(CALL_LOG.canonical(row));
    expect(row.duration_ms).toBe(storedDuration(9253.177966373307));
  });

  it('change when any covered field changes', () => {
    const row = callEventRow(event);
    for (const [field, value] of Object.entries({
      message: 'x',
      code: 1,
      ok: 0,
      caller: 'EOMS ',
      at: new Date(event.at.getTime() + 1),
      duration_ms: 9253.179,
    })) {
      expect(CALL_LOG.canonical({ ...row, [field]: value })).not.toBe(CALL_LOG.canonical(row));
    }
  });

  it('leave a row without trace context hashed as before the trace columns existed (issue 14)', () => {
    // The canonical form rows were chained with before CallTrace1765100000000: they must keep verifying.
    expect(CALL_LOG.canonical(callEventRow(event))).toBe(
      JSON.stringify([
        'calls',
        event.id,
        event.at.getTime(),
        'inbound',
        'service',
        'EOMS',
        'service',
        'service.workorder.dispatch.v1',
        'rq-1',
        null,
        0,
        1,
        '9253.178',
        null,
        null,
      ]),
    );
  });

  it('cover the trace columns when they are set', () => {
    const row = callEventRow({ ...event, ...TRACE });
    expect(row).toMatchObject({ trace_id: TRACE.traceId, span_id: TRACE.spanId, parent_span_id: TRACE.parentSpanId });
    expect(CALL_LOG.canonical(row)).not.toBe(CALL_LOG.canonical(callEventRow(event)));
    for (const [field, value] of Object.entries({ trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16), parent_span_id: null })) {
      expect(CALL_LOG.canonical({ ...row, [field]: value })).not.toBe(CALL_LOG.canonical(row));
    }
  });

  it('read JSON changes alike whether the driver returns text (MariaDB) or reordered objects (MySQL)', () => {
    const row = operationEventRow({
      ...event,
      actorType: 'caller',
      actor: 'EOMS',
      entity: 'workorder',
      entityId: 'w1',
      action: 'accept',
      changes: [{ field: 'status', old: 'a', new: { b: 1, a: [2] } }],
    });
    const mysql = { ...row, changes: [{ old: 'a', new: { a: [2], b: 1 }, field: 'status' }] };
    expect(OPERATION_LOG.canonical(mysql)).toBe(OPERATION_LOG.canonical(row));
    expect(canonicalJson({ b: 1, a: { d: null, c: '\uD800' } })).toBe('{"a":{"c":"\uFFFD","d":null},"b":1}');
  });
});

describe('chain keys', () => {
  it('are derived per master key and differ between keys', () => {
    const ring = new ChainKeyring({ current: key('k2', 2), previous: [key('k1', 1)] });
    expect(ring.currentId).toBe('k2');
    // KeyObjects compare by their key material with equals(), not toEqual (no enumerable fields).
    expect(ring.get('k1')!.equals(deriveChainKey(key('k1', 1)))).toBe(true);
    expect(ring.get('k1')!.equals(ring.current)).toBe(false);
    expect(ring.get('k0')).toBeUndefined();
  });

  it('chain each hash onto the previous one', () => {
    const k = deriveChainKey(key('k1', 1));
    const a = rowHash(k, Buffer.alloc(32), 'row');
    expect(rowHash(k, a, 'row')).not.toEqual(a);
    expect(rowHash(k, Buffer.alloc(32), 'row')).toEqual(a);
  });
});
