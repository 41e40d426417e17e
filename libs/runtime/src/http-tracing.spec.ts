import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { SpanKind, startSpan, traceHeadersOf } from '@crm/tracing';
import { traceHttpRequests } from './http-tracing.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function request(headers: Record<string, unknown>): Promise<{ parent: string | null; leg: ReturnType<typeof startSpan> }> {
  const res = Object.assign(new EventEmitter(), { statusCode: 200 });
  return new Promise((resolve) =>
    traceHttpRequests({ method: 'GET', headers }, res, () => {
      // A route handler awaiting something, then making a call: the call is a leg of the request's trace.
      setImmediate(() => {
        resolve({ parent: traceHeadersOf()?.traceparent ?? null, leg: startSpan('auth.caller.verify.v1', SpanKind.CLIENT) });
        res.emit('close');
      });
    }),
  );
}

describe('traceHttpRequests', () => {
  it("runs the route in the request's trace (traceparent header), else in a new one", async () => {
    const traced = await request({ traceparent: `00-${TRACE}-00f067aa0ba902b7-01` });
    expect(traced.parent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
    expect(traced.leg.traceId).toBe(TRACE);
    const fresh = await request({ traceparent: 'garbage' });
    expect(fresh.parent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(fresh.leg.traceId).not.toBe(TRACE);
    expect(traceHeadersOf()).toBeNull();
  });
});
