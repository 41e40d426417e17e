import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import amqplib, { type ChannelModel } from 'amqplib';
import { CALL_RECORDED_V1, names } from '@crm/contracts';
import { CrmServerRMQ, topologyNames, type QueueType } from '@crm/messaging';
import { EventMac } from '@crm/security';
import { RawClient } from '../support/raw-client.js';
import { until } from '../support/until.js';

/**
 * Issue 13 item 7, poison messages: a request whose handler throws, and one that keeps stopping
 * its consumer (the app dies or loses its channel while handling it). Neither may loop: the first
 * is answered 5000 and dead-lettered on its only delivery; the second is handled at most
 * `deliveryLimit` times, then answered 5000, recorded once and dead-lettered — on quorum queues
 * (the broker counts, `x-delivery-count`) and on classic queues (the server counts, in a sealed
 * header of a copy it re-queues). The request server runs here on its own against the real broker.
 */

jest.setTimeout(120_000);

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const THROWS = 'service.poison.throw.v1';
const HANGS = 'service.poison.hang.v1';
const LIMIT = 3;

let amqp: ChannelModel;
let client: RawClient;

beforeAll(async () => {
  amqp = await amqplib.connect(AMQP_URL);
  client = await RawClient.connect(AMQP_URL);
});

afterAll(async () => {
  await client?.close();
  await amqp?.close().catch(() => undefined);
});

describe.each<QueueType>(['classic', 'quorum'])('poison requests on a %s request queue', (queueType) => {
  const ns = `t_${randomBytes(5).toString('hex')}`;
  const masterKeys = { current: { id: 'k1', key: randomBytes(32) }, previous: [] };
  const calls = { throws: 0, hangs: 0 };
  const servers: CrmServerRMQ[] = [];

  async function startServer(): Promise<CrmServerRMQ> {
    const server = new CrmServerRMQ({
      service: 'service',
      namespace: ns,
      amqpUrls: [AMQP_URL],
      queueType,
      prefetch: 4,
      limits: { maxBytes: 1024 * 1024, maxDepth: 32 },
      deadQueueBounds: { maxMessages: 100, maxBytes: 10 * 1024 * 1024 },
      sealer: new EventMac(ns, masterKeys),
      deliveryLimit: LIMIT,
      // Past the test's length: the hanging handler stands for a process that dies, not for one the deadline answers 5030.
      handlerDeadlineMs: 300_000,
    });
    server.addHandler(THROWS, () => {
      calls.throws += 1;
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    // Never settles: stands for a handler during which the process dies.
    server.addHandler(HANGS, () => {
      calls.hangs += 1;
      return new Promise(() => undefined);
    });
    await new Promise<void>((resolve, reject) => void server.listen((err?: unknown) => (err ? reject(err as Error) : resolve())));
    servers.push(server);
    return server;
  }

  /** The call events published for `requestId` so far (read off `<ns>.audit.calls`, which nobody else consumes here). */
  const events: any[] = [];
  async function callEvents(requestId: string): Promise<any[]> {
    const ch = await amqp.createChannel();
    try {
      for (;;) {
        const m = await ch.get(names.auditCallQueue(ns), { noAck: true });
        if (!m) break;
        const body = JSON.parse(m.content.toString());
        if (body.pattern === CALL_RECORDED_V1) events.push(body.data);
      }
    } finally {
      await ch.close();
    }
    return events.filter((e) => e.requestId === requestId);
  }

  async function depth(queue: string): Promise<number> {
    const ch = await amqp.createChannel();
    try {
      return (await ch.checkQueue(queue)).messageCount;
    } finally {
      await ch.close();
    }
  }

  beforeAll(async () => {
    await startServer();
  });

  afterAll(async () => {
    for (const s of servers) await s.close().catch(() => undefined);
    const ch = await amqp.createChannel();
    ch.on('error', () => undefined);
    const { queues, exchanges } = topologyNames(ns);
    for (const q of queues) await ch.deleteQueue(q).catch(() => undefined);
    for (const x of exchanges) await ch.deleteExchange(x).catch(() => undefined);
    await ch.close().catch(() => undefined);
  });

  it('a handler that throws: answered 5000 on its only delivery, recorded once, dead-lettered', async () => {
    const requestId = randomUUID();
    const reply = await client.call(names.requestQueue(ns, 'service'), THROWS, { caller: 'X', password: 'y', requestId, payload: {} });
    expect(reply.err).toEqual({ code: 5000, message: expect.stringMatching(/^internal error \(error id [0-9a-f-]{36}\)$/) });
    await until(
      'its call event',
      () => callEvents(requestId),
      (e) => e.length === 1,
    );
    await until(
      'the dead letter',
      () => depth(names.deadQueue(ns, 'service')),
      (n) => n === 1,
    );
    await new Promise((r) => setTimeout(r, 1000)); // a requeued message would be back by now
    expect(calls.throws).toBe(1);
    expect(await callEvents(requestId)).toEqual([expect.objectContaining({ code: 5000, pattern: THROWS, redelivered: false })]);
    expect(await depth(names.requestQueue(ns, 'service'))).toBe(0);
  });

  it(`a request that keeps stopping its consumer: handled ${LIMIT} times, then answered 5000, recorded once, dead-lettered`, async () => {
    const requestId = randomUUID();
    const deadBefore = await depth(names.deadQueue(ns, 'service'));
    const body = JSON.stringify({ pattern: HANGS, id: randomUUID(), data: { caller: 'X', password: 'y', requestId, payload: {} } });
    const answered = client.sendRaw(names.requestQueue(ns, 'service'), body, 90_000, { userId: 'guest', messageId: 'm-1' });
    for (let attempt = 1; attempt <= LIMIT; attempt++) {
      await until(
        `handling attempt ${attempt}`,
        () => calls.hangs,
        (n) => n === attempt,
        30_000,
      );
      // The process dies mid-handling: its channel and connection go, the broker requeues the message.
      // Not within the moment between a classic copy's confirm and the original's ack (its delivery
      // can come first): dying there leaves both, one handling more (docs/wire-contract.md).
      await new Promise((r) => setTimeout(r, 300));
      await servers.pop()!.close();
      await startServer();
    }
    const reply = await answered;
    expect(reply.err).toEqual({ code: 5000, message: expect.stringMatching(/^internal error \(error id /) });
    await until(
      'the dead letter',
      () => depth(names.deadQueue(ns, 'service')),
      (n) => n === deadBefore + 1,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(calls.hangs).toBe(LIMIT);
    expect(await depth(names.requestQueue(ns, 'service'))).toBe(0);
    // One call event: the deliveries that never finished recorded nothing; the original publisher is still its source.
    expect(await callEvents(requestId)).toEqual([
      expect.objectContaining({ code: 5000, pattern: HANGS, source: 'guest', redelivered: true }),
    ]);
  });
});
