import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ConsumeMessage } from 'amqplib';
import { CALL_RECORDED_V1, names } from '@crm/contracts';
import { buildCallEvent, newCallEventId } from '@crm/messaging';
import { RawClient, type RawReply } from '../support/raw-client.js';
import { Stack } from '../support/stack.js';
import { until } from '../support/until.js';

/**
 * Traces across apps (issue 14): a partner's call, the credential check it causes at auth, the
 * events its outbox rows publish and what an inbox makes of them are legs of one W3C trace; the
 * audit call log stores each leg's trace context and the call detail lists a call's legs by it.
 * Spoken to the apps the way EOMS does: plain amqplib, `traceparent` in the message headers. The
 * apps export their spans to a stand-in OTLP/HTTP collector (OTEL_EXPORTER_OTLP_ENDPOINT).
 */

jest.setTimeout(90_000);

const DISPATCH = 'service.workorder.dispatch.v1';
const QUERY = 'service.workorder.query.v1';
const VERIFY = 'auth.caller.verify.v1';
const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

let stack: Stack;
let client: RawClient;
let password: string;
let token: string;
/** Spans the apps exported (OTLP/JSON), by the service name of their resource. */
const exported: Array<{ service: string; name: string; traceId: string; spanId: string; parentSpanId: string }> = [];
let collector: Server;

/** Events published on `<ns>.events` (a copy, on a queue of the test's own), with their AMQP headers. */
const published: Array<{ pattern: string; data: any; headers: Record<string, unknown> }> = [];

interface Leg {
  id: string;
  direction: 'inbound' | 'outbound';
  service: string;
  pattern: string;
  requestId: string | null;
  code: number;
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
}

async function api(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url('audit')}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: res.status, body: await res.json() };
}

/** One call as EOMS sends it, with whatever AMQP headers the test gives. */
function send(
  pattern: string,
  payload: unknown,
  headers?: Record<string, unknown>,
  requestId = `trace-${randomUUID()}`,
): Promise<RawReply> {
  const body = JSON.stringify({ pattern, id: randomUUID(), data: { caller: 'EOMS', password, requestId, payload } });
  return client.sendRaw(stack.queue('service'), body, 15_000, headers ? { headers } : {});
}

/** The call log rows of one requestId (the partner's inbound call), once stored. */
async function inboundOf(requestId: string): Promise<Leg> {
  const [row] = await until(
    `the call log row of ${requestId}`,
    async () => (await api(`/audit/calls?requestId=${encodeURIComponent(requestId)}`)).body.items as Leg[],
    (items) => items.length === 1,
    20_000,
  );
  return row!;
}

/** Every leg of a trace, once at least `n` are stored. */
function legsOf(traceId: string, n: number): Promise<Leg[]> {
  return until(
    `${n} legs of trace ${traceId}`,
    async () => (await api(`/audit/calls?traceId=${traceId}`)).body.items as Leg[],
    (items) => items.length >= n,
    20_000,
  );
}

/** The credential check a call caused: service's outbound call and auth's inbound row of it, both children in the call's trace. */
function verifyLegs(legs: Leg[]): { out: Leg; atAuth: Leg } {
  const out = legs.find((l) => l.direction === 'outbound' && l.service === 'service' && l.pattern === VERIFY);
  const atAuth = legs.find((l) => l.direction === 'inbound' && l.service === 'auth' && l.pattern === VERIFY);
  expect({ out: !!out, atAuth: !!atAuth }).toEqual({ out: true, atAuth: true });
  return { out: out!, atAuth: atAuth! };
}

const dispatchPayload = (orderNo: string) => ({
  orderNo,
  type: 'fault',
  title: 'No dial tone',
  description: 'since 08:00',
  priority: 'high',
  customer: { accountNo: `ACC-${orderNo}`, name: 'Li Lei', phone: '+86 138 0000 0000' },
  deadline: '2026-12-01T12:00:00Z',
  dispatchedAt: '2026-11-23T08:00:00Z',
});

const traceOf = (traceparent: unknown) => String(traceparent).split('-')[1];

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { resourceSpans: any[] };
        for (const rs of body.resourceSpans) {
          const service = rs.resource.attributes.find((a: any) => a.key === 'service.name')?.value.stringValue;
          for (const ss of rs.scopeSpans) for (const sp of ss.spans) exported.push({ service, ...sp });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(collector.address() as { port: number }).port}`;
  // Every credential check misses the cache, so every call has its auth.caller.verify.v1 leg.
  stack = await Stack.start({ apps: [], env: { CALLER_CACHE_TTL_SECONDS: '0', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
  // One after the other: started together on a busy machine they can miss the 60 s health deadline.
  for (const app of ['auth', 'service', 'audit'] as const) await stack.startApp(app);
  client = await RawClient.connect();
  password = await stack.createCaller('EOMS', [DISPATCH, QUERY]);
  token = await stack.adminToken();
  const { queue } = await client.ch.assertQueue('', { exclusive: true, autoDelete: true });
  for (const key of ['service.workorder.dispatched.v1', 'service.case.created.v1', 'audit.operation.recorded.v1'])
    await client.ch.bindQueue(queue, names.eventsExchange(stack.ns), key);
  await client.ch.consume(
    queue,
    (m: ConsumeMessage | null) => {
      if (!m) return;
      const body = JSON.parse(m.content.toString()) as { pattern: string; data: unknown };
      published.push({ pattern: body.pattern, data: body.data, headers: m.properties.headers ?? {} });
    },
    { noAck: true },
  );
}, 300_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
  collector?.close();
}, 60_000);

describe('a partner call with traceparent', () => {
  const trace = randomBytes(16).toString('hex');
  const partnerSpan = randomBytes(8).toString('hex');
  const orderNo = `TRACE-${Date.now()}`;
  let inbound: Leg;

  it('is stored with its credential check at auth under the same trace id, each leg the child of the one before', async () => {
    const requestId = `trace-${randomUUID()}`;
    const reply = await send(
      DISPATCH,
      dispatchPayload(orderNo),
      { traceparent: `00-${trace}-${partnerSpan}-01`, tracestate: 'eoms=t61rcWkgMzE' },
      requestId,
    );
    expect(reply.response?.code).toBe(0);
    inbound = await inboundOf(requestId);
    expect(inbound).toMatchObject({ service: 'service', pattern: DISPATCH, code: 0, traceId: trace, parentSpanId: partnerSpan });
    expect(inbound.spanId).toMatch(HEX16);
    expect(inbound.spanId).not.toBe(partnerSpan);
    const legs = await legsOf(trace, 3);
    const { out, atAuth } = verifyLegs(legs);
    expect(out).toMatchObject({ traceId: trace, parentSpanId: inbound.spanId, code: 0 });
    expect(atAuth).toMatchObject({ traceId: trace, parentSpanId: out.spanId, code: 0 });
    expect(new Set([inbound.spanId, out.spanId, atAuth.spanId]).size).toBe(3);
    // The legs have requestIds of their own: only the trace ties them to the partner's call.
    expect(out.requestId).not.toBe(requestId);
  });

  it('the call detail lists every leg of its trace', async () => {
    const detail = await api(`/audit/calls/${inbound.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.linkedBy).toBe('trace');
    expect(detail.body.call).toMatchObject({ id: inbound.id, traceId: trace, spanId: inbound.spanId, parentSpanId: partnerSpan });
    const related = detail.body.related as Leg[];
    expect(related.map((l) => [l.service, l.direction, l.pattern])).toEqual(
      expect.arrayContaining([
        ['service', 'outbound', VERIFY],
        ['auth', 'inbound', VERIFY],
      ]),
    );
    expect(related.every((l) => l.traceId === trace && l.id !== inbound.id)).toBe(true);
  });

  it('is exported to the OTLP collector under the same ids as in the call log', async () => {
    const spans = await until(
      'the exported spans of the call and its credential check',
      () => exported.filter((s) => s.traceId === trace),
      (list) => list.some((s) => s.spanId === inbound.spanId) && list.some((s) => s.service === 'crm-auth'),
      30_000,
    );
    expect(spans.find((s) => s.spanId === inbound.spanId)).toMatchObject({
      service: 'crm-service',
      name: DISPATCH,
      parentSpanId: partnerSpan,
    });
    const verify = spans.find((s) => s.service === 'crm-service' && s.name === VERIFY);
    expect(verify).toMatchObject({ parentSpanId: inbound.spanId });
    expect(spans.find((s) => s.service === 'crm-auth' && s.name === VERIFY)).toMatchObject({ parentSpanId: verify!.spanId });
  });

  it('continues in the events its outbox rows publish and in what the inbox makes of them, passing tracestate on', async () => {
    const dispatched = await until(
      'the dispatched event',
      () => published.find((e) => e.pattern === 'service.workorder.dispatched.v1' && e.data.orderNo === orderNo),
      (e) => e !== undefined,
      20_000,
    );
    expect(dispatched!.headers.traceparent).toMatch(new RegExp(`^00-${trace}-[0-9a-f]{16}-01$`));
    expect(String(dispatched!.headers.traceparent).split('-')[2]).not.toBe(inbound.spanId); // the relay's own span
    expect(dispatched!.headers.tracestate).toBe('eoms=t61rcWkgMzE');
    // The work-order inbox opens a case for the fault order: its event is a leg of the same trace.
    const created = await until(
      'the case opened for the order',
      () => published.find((e) => e.pattern === 'service.case.created.v1' && e.data.orderNo === orderNo),
      (e) => e !== undefined,
      20_000,
    );
    expect(traceOf(created!.headers.traceparent)).toBe(trace);
    expect(created!.headers.tracestate).toBe('eoms=t61rcWkgMzE');
  });
});

describe('a call without trace context', () => {
  it('gets a fresh valid trace id, which its credential check shares', async () => {
    const requestId = `untraced-${randomUUID()}`;
    const reply = await send(QUERY, { orderNo: 'NOPE-1' }, undefined, requestId);
    expect(reply.err?.code).toBe(4040);
    const inbound = await inboundOf(requestId);
    expect(inbound.traceId).toMatch(HEX32);
    expect(inbound.traceId).not.toBe('0'.repeat(32));
    expect(inbound.spanId).toMatch(HEX16);
    expect(inbound.parentSpanId).toBeNull();
    const { out, atAuth } = verifyLegs(await legsOf(inbound.traceId!, 3));
    expect([out.parentSpanId, atAuth.parentSpanId]).toEqual([inbound.spanId, out.spanId]);
  });

  it('a malformed traceparent is ignored (a new trace), never an error', async () => {
    const trace = randomBytes(16).toString('hex');
    const span = randomBytes(8).toString('hex');
    const malformed: Array<Record<string, unknown>> = [
      { traceparent: 'garbage' },
      { traceparent: `00-${'0'.repeat(32)}-${span}-01` },
      { traceparent: `ff-${trace}-${span}-01` },
      { traceparent: `00-${trace.toUpperCase()}-${span}-01` },
      { traceparent: `00-${trace}-${span}-01-trailing` },
      { traceparent: `00-${trace}-${span}` },
      { traceparent: 42 },
      { traceparent: `00-${trace}-${span}-01${'x'.repeat(10_000)}` },
      { tracestate: 'only=state' },
    ];
    const seen = new Set<string>();
    for (const headers of malformed) {
      const requestId = `malformed-${randomUUID()}`;
      const reply = await send(QUERY, { orderNo: 'NOPE-2' }, headers, requestId);
      expect({ headers, code: reply.err?.code }).toEqual({ headers, code: 4040 });
      const inbound = await inboundOf(requestId);
      expect({ headers, traceId: inbound.traceId, parent: inbound.parentSpanId }).toEqual({
        headers,
        traceId: expect.stringMatching(HEX32),
        parent: null,
      });
      expect(inbound.traceId).not.toBe(trace);
      seen.add(inbound.traceId!);
    }
    expect(seen.size).toBe(malformed.length);
  });
});

describe('the audit HTTP API', () => {
  it('continues the trace a request names: the operation entry it records is published as a leg of it', async () => {
    const trace = randomBytes(16).toString('hex');
    const res = await api(`/audit/calls?traceId=${randomBytes(16).toString('hex')}`, {
      traceparent: `00-${trace}-${randomBytes(8).toString('hex')}-01`,
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    const entry = await until(
      'the operator query in the operation log feed',
      () => published.find((e) => e.pattern === 'audit.operation.recorded.v1' && traceOf(e.headers.traceparent) === trace),
      (e) => e !== undefined,
      20_000,
    );
    expect(entry!.data).toMatchObject({ entity: 'call-log', action: 'query' });
  });

  it('refuses a traceId filter that is not one (4220)', async () => {
    const bad = await api('/audit/calls?traceId=not-a-trace');
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['traceId']);
  });

  it('links a call stored without trace context (before issue 14) to its other legs by requestId', async () => {
    const requestId = `old-${randomUUID()}`;
    const old = (direction: 'inbound' | 'outbound', service: 'service' | 'auth') => {
      const { traceId, spanId, parentSpanId, ...event } = buildCallEvent({
        id: newCallEventId(),
        direction,
        service,
        caller: 'EOMS',
        callee: service,
        pattern: DISPATCH,
        requestId,
        actor: null,
        code: 0,
        durationMs: 1,
        message: null,
        source: null,
      });
      void [traceId, spanId, parentSpanId];
      return event;
    };
    const events = [old('inbound', 'service'), old('outbound', 'service')];
    const ch = await client.conn.createConfirmChannel();
    for (const e of events)
      ch.publish(names.eventsExchange(stack.ns), CALL_RECORDED_V1, stack.sealedEvent(CALL_RECORDED_V1, e), { persistent: true });
    await ch.waitForConfirms();
    await ch.close();
    await until(
      'both old rows',
      async () => (await api(`/audit/calls?requestId=${requestId}`)).body.items as Leg[],
      (items) => items.length === 2,
      20_000,
    );
    const detail = await api(`/audit/calls/${events[0]!.id}`);
    expect(detail.body).toMatchObject({ linkedBy: 'requestId', call: { traceId: null, spanId: null, parentSpanId: null } });
    expect((detail.body.related as Leg[]).map((l) => l.id)).toEqual([events[1]!.id]);
  });
});
