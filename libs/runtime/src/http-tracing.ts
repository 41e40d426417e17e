import { ErrorCode } from '@crm/contracts';
import { extractTraceContext, SpanKind, startSpan, withTraceContext } from '@crm/tracing';

interface TracedRequest {
  method: string;
  headers: Record<string, unknown>;
  route?: { path?: unknown };
}

interface TracedResponse {
  statusCode: number;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Express middleware of every app's HTTP side (auth's and audit's APIs, health, metrics): the
 * request continues the trace its `traceparent` header names (a new one without a valid header),
 * so the calls, events and outbox rows a route causes are legs of it.
 */
export function traceHttpRequests(req: TracedRequest, res: TracedResponse, next: () => void): void {
  const span = startSpan(req.method, SpanKind.SERVER, extractTraceContext(req.headers));
  res.once('close', () => {
    span.attribute('http.response.status_code', res.statusCode);
    // Named after the matched route (`GET /audit/calls/:id`), never the raw path: ids would grow the set of names.
    const route = typeof req.route?.path === 'string' ? ` ${req.route.path}` : '';
    span.end(res.statusCode >= 500 ? ErrorCode.Internal : 0, null, `${req.method}${route}`);
  });
  withTraceContext(span.context, next);
}
