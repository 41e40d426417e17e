import {
  context,
  INVALID_SPANID,
  INVALID_TRACEID,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Span,
  type SpanContext,
  type TextMapGetter,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { newSpanId, newTraceId } from './trace-ids.js';

export { ROOT_CONTEXT, SpanKind, type Context };

/**
 * The active span follows the work through awaits, timers and callbacks (AsyncLocalStorage, OTel's
 * context manager): a call's handler, the credential check it makes and the outbox rows it writes
 * all see the call's span without passing it around. Registered when this module is first loaded,
 * so every process that traces (apps, operator commands, tests) propagates; a second copy of the
 * module finds the manager in place and keeps it.
 */
const manager = new AsyncLocalStorageContextManager().enable();
if (!context.setGlobalContextManager(manager)) manager.disable();

const propagator = new W3CTraceContextPropagator();

/** The W3C headers that carry a trace to the next hop (AMQP message headers, HTTP headers, outbox meta). */
export interface TraceHeaders {
  traceparent: string;
  /** Vendor state, passed through as received (W3C `tracestate`). */
  tracestate?: string;
}

/** Longer header values are not trace context (traceparent is 55 characters, tracestate at most 512 kept). */
const MAX_HEADER_CHARS = 8192;

/** Reads AMQP headers (strings, or byte arrays some clients send), HTTP headers and outbox meta alike. */
const getter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const v = carrier[key];
    const s = typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
    return s !== undefined && s.length <= MAX_HEADER_CHARS ? s : undefined;
  },
};

/**
 * The remote parent a message or request names in `traceparent` (and its `tracestate`), as a
 * context to start the local span in. Anything missing or malformed (W3C rules: version `ff`,
 * all-zero ids, upper-case hex, wrong lengths) yields the empty root context: the call then starts
 * a trace of its own. Never throws.
 */
export function extractTraceContext(carrier: unknown): Context {
  if (carrier === null || typeof carrier !== 'object') return ROOT_CONTEXT;
  return propagator.extract(ROOT_CONTEXT, carrier as Record<string, unknown>, getter);
}

/** Set by `installTracing` while spans are exported; null: spans are only ids (nothing recorded). */
let sdkTracer: Tracer | null = null;

export function useTracer(tracer: Tracer | null): void {
  sdkTracer = tracer;
}

/**
 * One leg of a trace: its ids (for the call log) and the context to run its work in. With the
 * exporter off it is a bare span context — two random ids and no recording — which is what keeps
 * the hot path cheap; with it on it is an SDK span, exported when `end` is called.
 */
export class TraceSpan {
  readonly traceId: string;
  readonly spanId: string;

  constructor(
    private readonly span: Span,
    /** The context with this span active: run the leg's work in it (`withTraceContext`). */
    readonly context: Context,
    /** The span this one continues (the caller's, or the local span that made the call); null at the root of a trace. */
    readonly parentSpanId: string | null,
  ) {
    const ids = span.spanContext();
    this.traceId = ids.traceId;
    this.spanId = ids.spanId;
  }

  /** Adds an attribute to an exported span; nothing when the span is not recorded. */
  attribute(key: string, value: string | number | boolean): void {
    if (this.span.isRecording()) this.span.setAttribute(key, value);
  }

  /** `traceparent`/`tracestate` naming this span as the parent of the next hop. */
  headers(): TraceHeaders {
    return headersOf(this.span.spanContext());
  }

  /**
   * Ends the span; a non-zero code (SPEC §2.2) marks it failed. `name` replaces the name it was
   * started with (a server span is named after its pattern only once a handler is known for it, so
   * callers cannot grow the set of span names).
   */
  end(code = 0, message: string | null = null, name?: string): void {
    if (this.span.isRecording()) {
      if (name) this.span.updateName(name);
      this.span.setAttribute('crm.code', code);
      if (code !== 0) this.span.setStatus({ code: SpanStatusCode.ERROR, ...(message ? { message } : {}) });
    }
    this.span.end();
  }
}

/**
 * Starts a span under `parent` (by default the active context): the parent's trace with a new span
 * id, or a new trace when the parent holds no valid span.
 */
export function startSpan(name: string, kind: SpanKind, parent: Context = context.active(), attributes?: Attributes): TraceSpan {
  const up = trace.getSpanContext(parent);
  const continued = up !== undefined && isValid(up);
  const span = sdkTracer
    ? sdkTracer.startSpan(name, { kind, attributes }, parent)
    : trace.wrapSpanContext({
        traceId: continued ? up.traceId : newTraceId(),
        spanId: newSpanId(),
        // Not recorded here: the caller's sampling decision and vendor state travel on unchanged.
        traceFlags: continued ? up.traceFlags : TraceFlags.NONE,
        ...(continued && up.traceState ? { traceState: up.traceState } : {}),
      });
  return new TraceSpan(span, trace.setSpan(parent, span), continued ? up.spanId : null);
}

/** Runs `fn` with `ctx` active (a span's context, a remote parent, or `ROOT_CONTEXT` to detach from the caller's trace). */
export function withTraceContext<T>(ctx: Context, fn: () => T): T {
  return context.with(ctx, fn);
}

/** The W3C headers of the span active in `ctx` (by default the active context), or null outside any trace. */
export function traceHeadersOf(ctx: Context = context.active()): TraceHeaders | null {
  const ids = trace.getSpanContext(ctx);
  return ids && isValid(ids) ? headersOf(ids) : null;
}

/**
 * Span contexts come from `extractTraceContext` (checked there) or from spans started here: only
 * the API's all-zero "invalid" context needs ruling out, without its two regular expressions.
 */
function isValid(ids: SpanContext): boolean {
  return ids.traceId !== INVALID_TRACEID && ids.spanId !== INVALID_SPANID;
}

/** Version 00 of `traceparent` (written directly: the propagator's setter round trip costs more than the string). */
function headersOf(ids: SpanContext): TraceHeaders {
  const flags = (ids.traceFlags & 0xff).toString(16).padStart(2, '0');
  const headers: TraceHeaders = { traceparent: `00-${ids.traceId}-${ids.spanId}-${flags}` };
  const state = ids.traceState?.serialize();
  if (state) headers.tracestate = state;
  return headers;
}
