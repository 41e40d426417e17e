import { describe, expect, it } from '@jest/globals';
import { ALERT_RAISED_V1, CALLER_CHANGED_V1, WORKORDER_COMPLETED_V1, type AlertRaisedData } from '@crm/contracts';
import { extractTraceContext, SpanKind, startSpan, withTraceContext } from '@crm/tracing';
import type { BrokerConnection } from './broker-connection.js';
import { EventPublisher } from './event-publisher.js';
import { EVENT_MAC_HEADER } from '@crm/contracts';

interface Sent {
  exchange: string;
  routingKey: string;
  body: { pattern: string; data: Record<string, unknown> };
  content: Buffer;
  options: Record<string, unknown>;
}

function publisher() {
  const sent: Sent[] = [];
  const broker = {
    settings: {
      namespace: 'ns1',
      amqpUrls: ['amqp://crm-auth:pw@127.0.0.1:5672'],
      // Stands for EventMac: a MAC that names the bytes it was given.
      sealer: { sealBody: (body: Buffer) => `k1.${body.length}` },
    },
    channel: {
      publish: async (exchange: string, routingKey: string, body: Buffer, options: Record<string, unknown>) => {
        sent.push({ exchange, routingKey, body: JSON.parse(body.toString()) as Sent['body'], content: body, options });
      },
    },
  } as unknown as BrokerConnection;
  return { sent, events: new EventPublisher(broker) };
}

describe('EventPublisher', () => {
  it('publishes an event of the map in its envelope, sealed over the bytes sent, routed by its pattern', async () => {
    const { sent, events } = publisher();
    const alert: AlertRaisedData = {
      alertId: 'a-1',
      rule: 'error-rate',
      severity: 'warning',
      subject: 'EOMS',
      title: 'errors',
      details: { n: 3 },
      firstSeenAt: '2026-12-01T00:00:00.000Z',
    };
    const id = await events.publish(ALERT_RAISED_V1, alert, { employeeId: 'E100001' });
    expect(sent).toEqual([
      {
        exchange: 'ns1.events',
        routingKey: ALERT_RAISED_V1,
        body: {
          pattern: ALERT_RAISED_V1,
          data: { ...alert, eventId: id, occurredAt: expect.any(String), caller: null, employeeId: 'E100001' },
        },
        content: expect.any(Buffer),
        options: expect.objectContaining({ persistent: true, messageId: id, userId: 'crm-auth' }),
      },
    ]);
    expect((sent[0]!.options.headers as Record<string, string>)[EVENT_MAC_HEADER]).toBe(`k1.${sent[0]!.content.length}`);
  });

  it("keeps a payload's own caller and employeeId (the subject) over the actor's", async () => {
    const { sent, events } = publisher();
    await events.publish(CALLER_CHANGED_V1, { caller: 'EOMS', reason: 'rotated' });
    await events.publish(CALLER_CHANGED_V1, { caller: 'EOMS', reason: 'disabled' }, { caller: 'cli' });
    expect(sent.map((s) => s.body.data.caller)).toEqual(['EOMS', 'EOMS']);
    const alert: AlertRaisedData = {
      alertId: 'a-2',
      rule: 'error-rate',
      severity: 'warning',
      subject: 'EOMS',
      title: 'errors',
      details: {},
      firstSeenAt: '2026-12-01T00:00:00.000Z',
    };
    await events.publish(ALERT_RAISED_V1, alert, { caller: 'audit', employeeId: 'E100002' });
    expect(sent[2]!.body.data).toMatchObject({ caller: 'audit', employeeId: 'E100002' });
  });

  it('sends each event as a leg of the active trace (traceparent header with a span of its own), else of a new trace', async () => {
    const { sent, events } = publisher();
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const relayed = startSpan(
      'x',
      SpanKind.SERVER,
      extractTraceContext({ traceparent: `00-${trace}-00f067aa0ba902b7-01`, tracestate: 'v=1' }),
    );
    await withTraceContext(relayed.context, () => events.publishStored('test.thing.happened.v1', { n: 1 }));
    await events.publishStored('test.thing.happened.v1', { n: 2 });
    const [inTrace, alone] = sent.map((s) => s.options.headers as Record<string, string>);
    expect(inTrace!.traceparent).toMatch(new RegExp(`^00-${trace}-[0-9a-f]{16}-01$`));
    expect(inTrace!.traceparent.split('-')[2]).not.toBe(relayed.spanId);
    expect(inTrace!.tracestate).toBe('v=1');
    expect(alone!.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(alone!.traceparent).not.toContain(trace);
    // The body is untouched: the MAC covers it, the trace travels beside it.
    expect(sent[0]!.body.data).not.toHaveProperty('traceparent');
    expect(inTrace![EVENT_MAC_HEADER]).toBe(`k1.${sent[0]!.content.length}`);
  });

  // Type-level: `npm run typecheck` fails if any line below compiles without its error.
  it('accepts only a pattern of EventPayloads with its own payload; the relay republishes stored rows as they are', async () => {
    const { sent, events } = publisher();
    // @ts-expect-error `reason` is not one of the caller-changed reasons
    await events.publish(CALLER_CHANGED_V1, { caller: 'EOMS', reason: 'renamed' });
    // @ts-expect-error a caller-changed payload under a work-order pattern
    await events.publish(WORKORDER_COMPLETED_V1, { caller: 'EOMS', reason: 'rotated' });
    // @ts-expect-error a pattern outside the map
    await events.publish('auth.caller.renamed.v1', { caller: 'EOMS' });
    await events.publishStored('test.thing.happened.v1', { n: 1 }, { eventId: 'e-1' });
    expect(sent.map((s) => [s.routingKey, s.body.pattern])).toEqual([
      [CALLER_CHANGED_V1, CALLER_CHANGED_V1],
      [WORKORDER_COMPLETED_V1, WORKORDER_COMPLETED_V1],
      ['auth.caller.renamed.v1', 'auth.caller.renamed.v1'],
      ['test.thing.happened.v1', 'test.thing.happened.v1'],
    ]);
    expect(sent[3]!.body.data).toMatchObject({ n: 1, eventId: 'e-1' });
  });
});
