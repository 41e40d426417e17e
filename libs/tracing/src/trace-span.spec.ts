import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { isSpanId, isTraceId, newSpanId, newTraceId } from './trace-ids.js';
import { extractTraceContext, ROOT_CONTEXT, SpanKind, startSpan, traceHeadersOf, withTraceContext } from './trace-span.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE}-${PARENT}-01`;

describe('trace ids', () => {
  it('are lower-case hex of W3C length, never all zero, and do not repeat', () => {
    const traces = new Set(Array.from({ length: 3000 }, () => newTraceId()));
    const spans = new Set(Array.from({ length: 3000 }, () => newSpanId()));
    expect(traces.size).toBe(3000);
    expect(spans.size).toBe(3000);
    for (const t of traces) expect(isTraceId(t)).toBe(true);
    for (const s of spans) expect(isSpanId(s)).toBe(true);
    expect(isTraceId('0'.repeat(32))).toBe(false);
    expect(isSpanId('0'.repeat(16))).toBe(false);
    expect(isTraceId(TRACE.toUpperCase())).toBe(false);
  });
});

describe('startSpan', () => {
  it("continues the caller's trace with a span of its own, passing tracestate and the sampled flag on", () => {
    const span = startSpan(
      'service.workorder.dispatch.v1',
      SpanKind.SERVER,
      extractTraceContext({ traceparent: TRACEPARENT, tracestate: 'vendor=abc,other=1' }),
    );
    expect(span.traceId).toBe(TRACE);
    expect(span.parentSpanId).toBe(PARENT);
    expect(isSpanId(span.spanId)).toBe(true);
    expect(span.spanId).not.toBe(PARENT);
    expect(span.headers()).toEqual({ traceparent: `00-${TRACE}-${span.spanId}-01`, tracestate: 'vendor=abc,other=1' });
  });

  it('reads AMQP byte-array headers like strings', () => {
    const span = startSpan('x', SpanKind.SERVER, extractTraceContext({ traceparent: Buffer.from(TRACEPARENT) }));
    expect(span.traceId).toBe(TRACE);
  });

  it('starts a new trace, never an error, when traceparent is missing or malformed', () => {
    const malformed: unknown[] = [
      undefined,
      null,
      'not a traceparent',
      `00-${'0'.repeat(32)}-${PARENT}-01`, // all-zero trace id
      `00-${TRACE}-${'0'.repeat(16)}-01`, // all-zero parent id
      `ff-${TRACE}-${PARENT}-01`, // forbidden version
      `00-${TRACE.toUpperCase()}-${PARENT}-01`, // upper-case hex
      `00-${TRACE.slice(1)}-${PARENT}-01`, // short trace id
      `00-${TRACE}-${PARENT}-01-extra`, // version 00 has exactly four parts
      `${TRACEPARENT}, ${TRACEPARENT}`, // two headers joined
      `00-${TRACE}-${PARENT}-01${' '.repeat(9000)}`, // absurdly long
      42,
      { traceparent: TRACEPARENT },
    ];
    for (const traceparent of malformed) {
      const span = startSpan('x', SpanKind.SERVER, extractTraceContext({ traceparent, tracestate: 'vendor=abc' }));
      expect({ traceparent, valid: isTraceId(span.traceId) && isSpanId(span.spanId) }).toEqual({ traceparent, valid: true });
      expect(span.traceId).not.toBe(TRACE);
      expect(span.parentSpanId).toBeNull();
      // tracestate belongs to the traceparent it came with: dropped with it.
      expect(span.headers()).toEqual({ traceparent: `00-${span.traceId}-${span.spanId}-00` });
    }
    expect(extractTraceContext('00-x')).toBe(ROOT_CONTEXT);
    expect(extractTraceContext(null)).toBe(ROOT_CONTEXT);
  });

  it('follows the active span through awaits and timers (AsyncLocalStorage): a nested leg shares the trace', async () => {
    const call = startSpan('service.workorder.dispatch.v1', SpanKind.SERVER, ROOT_CONTEXT);
    expect(call.parentSpanId).toBeNull();
    const [leg, headers] = await withTraceContext(call.context, async () => {
      await sleep(5);
      await new Promise((r) => setImmediate(r));
      return [startSpan('auth.caller.verify.v1', SpanKind.CLIENT), traceHeadersOf()] as const;
    });
    expect(leg.traceId).toBe(call.traceId);
    expect(leg.parentSpanId).toBe(call.spanId);
    expect(headers).toEqual(call.headers());
    // Outside the call's context no trace is active.
    expect(traceHeadersOf()).toBeNull();
    expect(startSpan('job', SpanKind.INTERNAL).parentSpanId).toBeNull();
  });

  it('keeps concurrent calls apart', async () => {
    const calls = Array.from({ length: 20 }, () => startSpan('c', SpanKind.SERVER, ROOT_CONTEXT));
    const legs = await Promise.all(
      calls.map((c, i) =>
        withTraceContext(c.context, async () => {
          await sleep(20 - i);
          return startSpan('leg', SpanKind.CLIENT);
        }),
      ),
    );
    legs.forEach((leg, i) => expect([leg.traceId, leg.parentSpanId]).toEqual([calls[i]!.traceId, calls[i]!.spanId]));
  });
});
