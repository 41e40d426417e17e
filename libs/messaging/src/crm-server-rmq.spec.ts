import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { CALL_RECORDED_V1 } from '@crm/contracts';
import { EventMac } from '@crm/security';
import { CrmServerRMQ } from './crm-server-rmq.js';

const PATTERN = 'service.thing.do.v1';

function server(): CrmServerRMQ {
  const s = new CrmServerRMQ({
    service: 'service',
    namespace: 't_unit',
    amqpUrls: ['amqp://service:pw@127.0.0.1:5672'],
    queueType: 'classic',
    prefetch: 4,
    limits: { maxBytes: 1024 * 1024, maxDepth: 32 },
    deadQueueBounds: { maxMessages: 100, maxBytes: 1024 * 1024 },
    sealer: new EventMac('t_unit', { current: { id: 'k1', key: randomBytes(32) }, previous: [] }),
    handlerDeadlineMs: 5_000,
  });
  s.addHandler(PATTERN, () => Promise.resolve({ done: true }));
  return s;
}

const message = {
  content: Buffer.from(
    JSON.stringify({ pattern: PATTERN, id: 'r-1', data: { caller: 'X', password: 'y', requestId: 'q-1', payload: {} } }),
  ),
  fields: { redelivered: false, deliveryTag: 1 },
  properties: { replyTo: 'amq.rabbitmq.reply-to.abc', correlationId: 'c-1', headers: {} },
} as unknown as ConsumeMessage;

/** A confirm channel that records what happens, in order, and holds the call event's confirm until `confirm` is called. */
function channel() {
  const steps: string[] = [];
  let confirm: ((err: unknown) => void) | undefined;
  const ch = {
    publish: (_x: string, key: string, _b: Buffer, _o: unknown, cb: (err: unknown) => void) => {
      steps.push(`publish ${key}`);
      confirm = cb;
      return true;
    },
    sendToQueue: (queue: string, body: Buffer) => {
      steps.push(`reply ${queue} ${JSON.parse(body.toString()).response?.code}`);
      return true;
    },
    ack: () => steps.push('ack'),
    nack: () => steps.push('nack'),
  };
  return { ch: ch as unknown as ConfirmChannel, steps, confirm: (err: unknown = null) => confirm!(err) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('CrmServerRMQ: reply, call event, ack', () => {
  it('replies as soon as the handler is done, and acks only once the call event is confirmed', async () => {
    const { ch, steps, confirm } = channel();
    const handled = server().handleMessage(message, ch);
    await settle();
    expect(steps).toEqual(['reply amq.rabbitmq.reply-to.abc 0', `publish ${CALL_RECORDED_V1}`]);
    confirm();
    await handled;
    expect(steps).toEqual(['reply amq.rabbitmq.reply-to.abc 0', `publish ${CALL_RECORDED_V1}`, 'ack']);
  });

  it('leaves the message unacked (for redelivery) when the call event is not confirmed', async () => {
    const { ch, steps, confirm } = channel();
    const handled = server().handleMessage(message, ch);
    await settle();
    confirm(new Error('nacked by the broker'));
    await handled;
    expect(steps).toEqual(['reply amq.rabbitmq.reply-to.abc 0', `publish ${CALL_RECORDED_V1}`]);
  });
});

describe('CrmServerRMQ: routes', () => {
  it('finds a dotted pattern by its name, and leaves any other pattern to Nest (same handler either way)', () => {
    const s = server();
    s.addHandler('{"cmd":"legacy"}', () => Promise.resolve(null));
    expect(s.getHandlerByPattern(PATTERN)).not.toBeNull();
    expect(s.getHandlerByPattern('service.thing.other.v1')).toBeNull();
    // JSON patterns still go through Nest's parse-and-normalise (key order does not matter there).
    expect(s.getHandlerByPattern('{"cmd":"legacy"}')).not.toBeNull();
    expect(s.getHandlerByPattern('{ "cmd" : "legacy" }')).not.toBeNull();
    expect(s.getHandlerByPattern('1.5')).toBeNull();
  });
});
