import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CALL_RECORDED_V1 } from '@crm/contracts';
import { buildCallEvent, newCallEventId } from '@crm/messaging';
import { EventMac } from '@crm/security';
import { EventAuthenticator } from '../ingest/event-authenticity.js';
import { CALL_LOG_WIDTHS, callEventParser } from './call-event.parser.js';

const mac = new EventMac('crm', { current: { id: 'k1', key: randomBytes(32) }, previous: [] });
const parse = callEventParser(new EventAuthenticator(mac, []));

const event = () =>
  buildCallEvent({
    id: newCallEventId(),
    direction: 'outbound',
    service: 'service',
    caller: 'CRM',
    callee: 'eoms',
    pattern: 'eoms.workorder.reply.v1',
    requestId: 'r-1',
    actor: 'E100001',
    code: 5030,
    durationMs: 12.345,
    message: 'dependency unavailable, retry later',
    source: '10.0.0.8',
  });
/** As an app publishes it: sealed with the installation's key. */
const message = (data: object, pattern = CALL_RECORDED_V1) => Buffer.from(JSON.stringify({ pattern, data: mac.seal(pattern, data) }));

describe('callEventParser', () => {
  it('reads what libs/messaging publishes, field for field', () => {
    const e = event();
    const parsed = parse(message(e));
    expect(parsed).toEqual({ ok: true, event: { ...e, at: new Date(e.at) } });
  });

  it('reads the redelivery flag and the fingerprint of an inbound call', () => {
    const e = { ...event(), direction: 'inbound' as const, redelivered: true, fingerprint: 'a1'.repeat(32) };
    expect(parse(message(e))).toMatchObject({ ok: true, event: { redelivered: true, fingerprint: 'a1'.repeat(32) } });
  });

  it('reads the trace context of the leg, and stores an event of an app older than tracing without it', () => {
    const trace = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: 'b7ad6b7169203331' };
    const e = { ...event(), ...trace };
    expect(parse(message(e))).toMatchObject({ ok: true, event: trace });
    const { traceId, spanId, parentSpanId, ...old } = e;
    void [traceId, spanId, parentSpanId];
    expect(parse(message(old))).toMatchObject({ ok: true, event: { traceId: null, spanId: null, parentSpanId: null } });
    expect(parse(message({ ...e, parentSpanId: null }))).toMatchObject({ ok: true, event: { ...trace, parentSpanId: null } });
  });

  it('accepts absent optional fields as null', () => {
    const { caller, pattern, requestId, actor, message: text, source, ...rest } = event();
    void [caller, pattern, requestId, actor, text, source];
    const parsed = parse(message(rest));
    expect(parsed.ok && parsed.event).toMatchObject({
      caller: null,
      pattern: null,
      requestId: null,
      actor: null,
      message: null,
      source: null,
    });
  });

  it('cuts over-long text to the column width instead of refusing the call', () => {
    const parsed = parse(message({ ...event(), pattern: 'p'.repeat(5000), requestId: 'r'.repeat(300) }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.event.pattern).toHaveLength(CALL_LOG_WIDTHS.pattern);
    expect(parsed.event.requestId).toHaveLength(CALL_LOG_WIDTHS.requestId);
  });

  it.each([
    ['not JSON', Buffer.from('nope'), 'body is not JSON'],
    ['an array', Buffer.from('[1]'), 'body is not a JSON object'],
    ['data not an object', Buffer.from(JSON.stringify({ pattern: CALL_RECORDED_V1, data: 'x' })), 'data missing or not an object'],
    ['an unsealed event', Buffer.from(JSON.stringify({ pattern: CALL_RECORDED_V1, data: event() })), 'mac missing'],
    [
      'a sealed event with one field changed',
      Buffer.from(JSON.stringify({ pattern: CALL_RECORDED_V1, data: { ...mac.seal(CALL_RECORDED_V1, event()), caller: 'EOMS' } })),
      'mac invalid',
    ],
    [
      'an event sealed with another key',
      Buffer.from(
        JSON.stringify({
          pattern: CALL_RECORDED_V1,
          data: new EventMac('crm', { current: { id: 'k1', key: randomBytes(32) }, previous: [] }).seal(CALL_RECORDED_V1, event()),
        }),
      ),
      'mac invalid',
    ],
  ])('refuses %s as not published by a CRM app', (_name, content, reason) => {
    const parsed = parse(content);
    expect(parsed).toMatchObject({ ok: false, reason, forged: { queue: 'calls', reason } });
  });

  it.each([
    ['another pattern', message({}, 'x'), 'pattern is not audit.call.recorded.v1'],
    ['a missing id', message({ ...event(), id: undefined }), 'invalid id'],
    ['an id too long for the column', message({ ...event(), id: 'a'.repeat(37) }), 'invalid id'],
    ['a time without a zone', message({ ...event(), at: '2026-01-01T00:00:00' }), 'invalid at'],
    ['an impossible time', message({ ...event(), at: '2026-13-45T00:00:00Z' }), 'invalid at'],
    ['an unknown direction', message({ ...event(), direction: 'sideways' }), 'invalid direction'],
    ['no callee', message({ ...event(), callee: '' }), 'invalid callee'],
    ['a numeric caller', message({ ...event(), caller: 7 }), 'invalid caller'],
    ['a fractional code', message({ ...event(), code: 1.5 }), 'invalid code'],
    ['ok as text', message({ ...event(), ok: 'true' }), 'invalid ok'],
    ['a negative duration', message({ ...event(), durationMs: -1 }), 'invalid durationMs'],
    ['no redelivery flag', message({ ...event(), redelivered: undefined }), 'invalid redelivered'],
    ['a fingerprint that is not a SHA-256', message({ ...event(), fingerprint: 'abc' }), 'invalid fingerprint'],
    ['an upper-case trace id', message({ ...event(), traceId: 'A'.repeat(32), spanId: 'b'.repeat(16) }), 'invalid traceId'],
    ['an all-zero trace id', message({ ...event(), traceId: '0'.repeat(32), spanId: 'b'.repeat(16) }), 'invalid traceId'],
    ['a trace id without a span id', message({ ...event(), traceId: 'a'.repeat(32), spanId: null }), 'invalid spanId'],
    ['a span id without a trace id', message({ ...event(), spanId: 'b'.repeat(16) }), 'invalid spanId'],
    [
      'a short parent span id',
      message({ ...event(), traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), parentSpanId: 'c' }),
      'invalid parentSpanId',
    ],
  ])('refuses a sealed event with %s (a producer bug, not a forgery)', (_name, content, reason) => {
    expect(parse(content)).toEqual({ ok: false, reason });
  });
});
