import { z } from 'zod';
import { optionalUrlVar, unsetIfBlank } from './env-schema.js';

/** The samplers of the OTel environment convention (OTEL_TRACES_SAMPLER). */
export const TRACING_SAMPLERS = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;

export interface TracingSampler {
  name: (typeof TRACING_SAMPLERS)[number];
  /** OTEL_TRACES_SAMPLER_ARG: the share of root traces kept by the ratio samplers. */
  ratio: number;
}

/**
 * Span export (OpenTelemetry, OTLP over HTTP with JSON bodies). Trace context is carried on every
 * call whatever this says (the call log links a call's legs by trace id); this only decides whether
 * spans are also sent to a collector. Off unless an endpoint is configured; the exporter reads the
 * endpoint, OTEL_EXPORTER_OTLP_HEADERS (may hold an API key: never logged), _TIMEOUT and
 * _COMPRESSION itself.
 */
export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set, and neither OTEL_SDK_DISABLED nor OTEL_TRACES_EXPORTER=none. */
  export: boolean;
  /** OTEL_SERVICE_NAME; null: `crm-<app>`. */
  serviceName: string | null;
  sampler: TracingSampler;
}

/** Lower-cased words (the OTel variables are case-insensitive). */
function wordVar<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return unsetIfBlank(
    z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.enum(values, { error: `must be ${values.join(' or ')}` }).default(fallback),
    ),
  );
}

const PROTOCOLS = ['http/json', 'http/protobuf', 'grpc'] as const;
const PROTOCOL_REASON = 'must be http/json: spans are exported with OTLP over HTTP and JSON bodies';

export const tracingVars = {
  OTEL_SDK_DISABLED: wordVar(['true', 'false'], 'false'),
  OTEL_TRACES_EXPORTER: wordVar(['otlp', 'none'], 'otlp'),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrlVar(['http', 'https']),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrlVar(['http', 'https']),
  OTEL_EXPORTER_OTLP_PROTOCOL: wordVar(PROTOCOLS, 'http/json'),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: unsetIfBlank(
    z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(PROTOCOLS, { error: PROTOCOL_REASON }).optional()),
  ),
  OTEL_SERVICE_NAME: unsetIfBlank(z.string().trim().max(255, 'must be at most 255 characters').optional()),
  OTEL_TRACES_SAMPLER: wordVar(TRACING_SAMPLERS, 'parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^(?:0(?:\.\d*)?|1(?:\.0*)?|\.\d+)$/, 'must be a number between 0 and 1')
      .transform(Number)
      .default(1),
  ),
};

type TracingVars = z.output<z.ZodObject<typeof tracingVars>>;

/** The exporter's protocol, checked only when spans are exported (another tool's setting must not stop the apps). */
export function tracingProtocolIssue(e: TracingVars): { variable: string; reason: string } | null {
  if (!tracingOf(e).export) return null;
  if (e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL !== undefined)
    return e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL === 'http/json'
      ? null
      : { variable: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', reason: PROTOCOL_REASON };
  return e.OTEL_EXPORTER_OTLP_PROTOCOL === 'http/json' ? null : { variable: 'OTEL_EXPORTER_OTLP_PROTOCOL', reason: PROTOCOL_REASON };
}

export function tracingOf(e: TracingVars): TracingConfig {
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    export: endpoint !== null && e.OTEL_SDK_DISABLED === 'false' && e.OTEL_TRACES_EXPORTER === 'otlp',
    serviceName: e.OTEL_SERVICE_NAME ?? null,
    sampler: { name: e.OTEL_TRACES_SAMPLER, ratio: e.OTEL_TRACES_SAMPLER_ARG },
  };
}
