import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { ConsumeMessage } from 'amqplib';
import { EventMac } from '@crm/security';
import { countDeliveries, needsRecount, recountOptions } from './delivery-count.js';

const sealer = new EventMac('ns', { current: { id: 'k1', key: randomBytes(32) }, previous: [] });
const content = Buffer.from('{"pattern":"service.x.y.v1","id":"1","data":{}}');

function delivery(redelivered: boolean, properties: Record<string, unknown> = {}): ConsumeMessage {
  return { content, fields: { redelivered }, properties: { headers: {}, ...properties } } as unknown as ConsumeMessage;
}

describe('delivery counts', () => {
  it('classic: a redelivery is counted in a sealed copy that keeps the original properties but user_id', () => {
    const first = delivery(true, { userId: 'partner', replyTo: 'amq.rabbitmq.reply-to.x', correlationId: 'c', headers: { a: 'b' } });
    expect(needsRecount(first, 'classic')).toBe(true);
    const d = countDeliveries(first, 'classic', sealer);
    expect(d).toEqual({ previous: 1, recounted: false, source: null });
    const options = recountOptions(first, d, sealer);
    expect(options).toMatchObject({
      replyTo: 'amq.rabbitmq.reply-to.x',
      correlationId: 'c',
      headers: { a: 'b', 'x-crm-deliveries': 1, 'x-crm-source': 'partner' },
    });
    expect(options).not.toHaveProperty('userId');
    // The copy, delivered fresh, then redelivered once more.
    const copy = delivery(false, { headers: options.headers });
    expect(needsRecount(copy, 'classic')).toBe(false);
    expect(countDeliveries(copy, 'classic', sealer)).toEqual({ previous: 1, recounted: true, source: 'partner' });
    expect(countDeliveries(delivery(true, { headers: options.headers }), 'classic', sealer).previous).toBe(2);
  });

  it('classic: a count or source a partner writes itself is ignored', () => {
    const headers = recountOptions(delivery(true, { userId: 'partner' }), { previous: 9, recounted: false, source: null }, sealer).headers!;
    for (const forged of [
      { ...headers, 'x-crm-deliveries': 99 },
      { ...headers, 'x-crm-source': 'someone-else' },
      { ...headers, 'x-crm-deliveries-mac': 'k1.AAAA' },
      { 'x-crm-deliveries': 99, 'x-crm-source': 'x' },
    ]) {
      expect(countDeliveries(delivery(false, { headers: forged }), 'classic', sealer)).toEqual({
        previous: 0,
        recounted: false,
        source: null,
      });
    }
    // Sealed for another body: not this message's count either.
    const other = { ...delivery(false, { headers }), content: Buffer.from('{}') } as ConsumeMessage;
    expect(countDeliveries(other, 'classic', sealer).previous).toBe(0);
  });

  it('quorum: the broker counts (x-delivery-count); nothing is re-queued', () => {
    const m = delivery(true, { headers: { 'x-delivery-count': 4 } });
    expect(needsRecount(m, 'quorum')).toBe(false);
    expect(countDeliveries(m, 'quorum', sealer)).toEqual({ previous: 4, recounted: false, source: null });
    expect(countDeliveries(delivery(false), 'quorum', sealer).previous).toBe(0);
  });
});
