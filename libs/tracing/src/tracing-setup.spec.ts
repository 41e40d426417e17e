import { afterAll, describe, expect, it } from '@jest/globals';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { loadConfig } from '@crm/config';
import { extractTraceContext, SpanKind, startSpan, withTraceContext } from './trace-span.js';
import { installTracing, shutdownTracing } from './tracing-setup.js';

const KEY = `k1:${Buffer.alloc(32, 3).toString('base64')}`;
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

afterAll(() => shutdownTracing());

/** Keeps what was exported (the SDK's in-memory exporter forgets it at shutdown, which is what flushes). */
class Collect implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  export(spans: ReadableSpan[], done: (r: { code: 0 }) => void): void {
    this.spans.push(...spans);
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('installTracing', () => {
  it('installs nothing while no OTLP endpoint is configured', async () => {
    await expect(installTracing({ app: 'service', namespace: 'crm', tracing: loadConfig({ CRM_MASTER_KEY: KEY }).tracing })).resolves.toBe(
      false,
    );
  });

  it('with an exporter, records the spans under the same ids the call log gets, parents included', async () => {
    const exporter = new Collect();
    const tracing = loadConfig({ CRM_MASTER_KEY: KEY, OTEL_SERVICE_NAME: 'crm-service-eu' }).tracing;
    await expect(installTracing({ app: 'service', namespace: 't_1', tracing, exporter })).resolves.toBe(true);
    const server = startSpan('unknown', SpanKind.SERVER, extractTraceContext({ traceparent: `00-${TRACE}-${PARENT}-01` }));
    const client = withTraceContext(server.context, () => startSpan('auth.caller.verify.v1', SpanKind.CLIENT));
    client.end(4002, 'invalid credentials');
    server.end(0, null, 'service.workorder.dispatch.v1');
    await shutdownTracing();
    const spans = exporter.spans;
    expect(spans.map((s) => [s.name, s.spanContext().traceId, s.spanContext().spanId, s.parentSpanContext?.spanId])).toEqual([
      ['auth.caller.verify.v1', TRACE, client.spanId, server.spanId],
      ['service.workorder.dispatch.v1', TRACE, server.spanId, PARENT],
    ]);
    expect(spans[0]!.status.code).toBe(2); // ERROR
    expect(spans[0]!.attributes['crm.code']).toBe(4002);
    expect(spans[1]!.resource.attributes).toMatchObject({ 'service.name': 'crm-service-eu', 'service.namespace': 't_1' });
    // After shutdown spans are bare ids again, still linked.
    const after = withTraceContext(server.context, () => startSpan('later', SpanKind.CLIENT));
    expect(after.traceId).toBe(TRACE);
  });
});
