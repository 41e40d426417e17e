import { trace } from '@opentelemetry/api';
// Types only: the SDK and the exporter are loaded when export is on (several hundred ms of CPU at every start otherwise).
import type { Sampler, SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import type { TracingConfig, TracingSampler } from '@crm/config';
import { newSpanId, newTraceId } from './trace-ids.js';
import { useTracer } from './trace-span.js';

export interface TracingInstall {
  /** Default service name: `crm-<app>` unless OTEL_SERVICE_NAME names one. */
  app: string;
  namespace: string;
  tracing: TracingConfig;
  /** Tests: where spans go instead of OTLP (turns export on regardless of the configuration). */
  exporter?: SpanExporter;
}

let installed: TracerProvider | null = null;

type Sdk = typeof import('@opentelemetry/sdk-trace');

function samplerOf(sdk: Sdk, s: TracingSampler): Sampler {
  const { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler } = sdk;
  const ratio = () => new TraceIdRatioBasedSampler(s.ratio);
  switch (s.name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio();
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio() });
  }
}

/**
 * Turns span export on when the configuration asks for it (an OTLP endpoint is set, see
 * `TracingConfig`): an SDK tracer provider with a batching OTLP/HTTP exporter, which reads its
 * endpoint, headers, timeout and compression from the standard OTEL_EXPORTER_OTLP_* variables
 * itself. Otherwise nothing is installed and spans stay bare ids (`startSpan`). Call once per
 * process, before the first message is handled; `shutdownTracing` flushes.
 */
export async function installTracing(o: TracingInstall): Promise<boolean> {
  if (installed || (!o.tracing.export && !o.exporter)) return installed !== null;
  const [sdk, { defaultResource, detectResources, resourceAttributesEnvDetector, resourceFromAttributes }, otlp] = await Promise.all([
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/resources'),
    o.exporter ? null : import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  // Lowest first: the SDK's defaults, our name for the app, OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': `crm-${o.app}`, 'service.namespace': o.namespace }))
    .merge(detectResources({ detectors: [resourceAttributesEnvDetector] }))
    .merge(o.tracing.serviceName ? resourceFromAttributes({ 'service.name': o.tracing.serviceName }) : null);
  const provider = new sdk.TracerProvider({
    resource,
    sampler: samplerOf(sdk, o.tracing.sampler),
    idGenerator: { generateTraceId: newTraceId, generateSpanId: newSpanId },
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter: o.exporter ?? new otlp!.OTLPTraceExporter() })],
  });
  trace.setGlobalTracerProvider(provider);
  useTracer(provider.getTracer('crm'));
  installed = provider;
  return true;
}

/** Sends what is still batched and stops exporting (app shutdown); nothing to do when export is off. */
export async function shutdownTracing(): Promise<void> {
  const provider = installed;
  if (!provider) return;
  installed = null;
  useTracer(null);
  trace.disable();
  await provider.shutdown().catch(() => undefined);
}
