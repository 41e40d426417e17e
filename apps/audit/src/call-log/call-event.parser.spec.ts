import { describe, expect, it } from '@jest/globals';
import { CALL_RECORDED_V1 } from '@crm/contracts';
import { buildCallEvent, callEventId } from '@crm/messaging';
import { CALL_LOG_WIDTHS, parseCallEventMessage } from './call-event.parser.js';

const event = () =>
  buildCallEvent({
    id: callEventId('service', 'outbound', 'k1'),
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
const message = (data: unknown) => Buffer.from(JSON.stringify({ pattern: CALL_RECORDED_V1, data }));

describe('parseCallEventMessage', () => {
  it('reads what libs/messaging publishes, field for field', () => {
    const e = event();
    const parsed = parseCallEventMessage(message(e));
    expect(parsed).toEqual({ ok: true, event: { ...e, at: new Date(e.at) } });
  });

  it('accepts absent optional fields as null', () => {
    const { caller, pattern, requestId, actor, message: text, source, ...rest } = event();
    void [caller, pattern, requestId, actor, text, source];
    const parsed = parseCallEventMessage(message(rest));
    expect(parsed.ok && parsed.event).toMatchObject({ caller: null, pattern: null, requestId: null, actor: null, message: null, source: null });
  });

  it('cuts over-long text to the column width instead of refusing the call', () => {
    const parsed = parseCallEventMessage(message({ ...event(), pattern: 'p'.repeat(5000), requestId: 'r'.repeat(300) }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.event.pattern).toHaveLength(CALL_LOG_WIDTHS.pattern);
    expect(parsed.event.requestId).toHaveLength(CALL_LOG_WIDTHS.requestId);
  });

  it.each([
    ['not JSON', Buffer.from('nope'), 'body is not JSON'],
    ['an array', Buffer.from('[1]'), 'body is not a JSON object'],
    ['another pattern', Buffer.from(JSON.stringify({ pattern: 'x', data: {} })), 'pattern is not audit.call.recorded.v1'],
    ['data not an object', Buffer.from(JSON.stringify({ pattern: CALL_RECORDED_V1, data: 'x' })), 'data missing or not an object'],
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
  ])('refuses %s', (_name, content, reason) => {
    expect(parseCallEventMessage(content)).toEqual({ ok: false, reason });
  });
});
