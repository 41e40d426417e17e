import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { createHash, randomBytes } from 'node:crypto';
import { CALL_RECORDED_V1 } from '@crm/contracts';
import { buildCallEvent, sealEvent } from '@crm/messaging';
import { EventMac } from '@crm/security';
import { EventAuthenticator, type ForgedEventSummary } from '../ingest/event-authenticity.js';
import type { AckChannel, IngestObserver } from '../ingest/event-batcher.js';
import { CallBatcher } from './call-batcher.js';
import type { StorableCallEvent } from './call-event.parser.js';
import type { CallStore } from './call-log.repository.js';

let tag = 0;
function delivery(body: unknown, headers: Record<string, unknown> = {}): ConsumeMessage {
  tag += 1;
  const content = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { content, fields: { deliveryTag: tag }, properties: { headers } } as unknown as ConsumeMessage;
}

const mac = new EventMac('crm', { current: { id: 'k1', key: randomBytes(32) }, previous: [] });
const auth = new EventAuthenticator(mac, []);

/** One event id per key: the same key twice is the same event delivered twice. */
function idOf(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The producer's own factory (libs/messaging), sealed, so consumer tests see what apps really publish. */
function callMessage(key: string) {
  const event = buildCallEvent({
    id: idOf(key),
    direction: 'inbound',
    service: 'service',
    caller: 'EOMS',
    callee: 'service',
    pattern: 'service.workorder.dispatch.v1',
    requestId: key,
    actor: null,
    code: 0,
    durationMs: 1.5,
    message: null,
    source: null,
  });
  const sealed = sealEvent(mac, { pattern: CALL_RECORDED_V1, data: event });
  return delivery(sealed.content, sealed.headers);
}

class FakeChannel implements AckChannel {
  acks: Array<{ tag: number; allUpTo: boolean | undefined }> = [];
  nacks: Array<{ tag: number; allUpTo: boolean | undefined; requeue: boolean | undefined }> = [];
  ack(message: ConsumeMessage, allUpTo?: boolean) {
    this.acks.push({ tag: message.fields.deliveryTag, allUpTo });
  }
  nack(message: ConsumeMessage, allUpTo?: boolean, requeue?: boolean) {
    this.nacks.push({ tag: message.fields.deliveryTag, allUpTo, requeue });
  }
}

class FakeStore implements CallStore {
  batches: StorableCallEvent[][] = [];
  failuresLeft = 0;
  private readonly ids = new Set<string>();
  async insertIgnore(events: readonly StorableCallEvent[]): Promise<number> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    }
    this.batches.push([...events]);
    let fresh = 0;
    for (const e of events) {
      if (this.ids.has(e.id)) continue;
      this.ids.add(e.id);
      fresh += 1;
    }
    return fresh;
  }
}

function observer() {
  const calls = {
    flushed: [] as Array<[number, number]>,
    rejected: [] as string[],
    forged: [] as ForgedEventSummary[],
    failed: [] as Array<[number, number | null]>,
  };
  const o: IngestObserver = {
    flushed: (stored, duplicates) => void calls.flushed.push([stored, duplicates]),
    rejected: (reason) => void calls.rejected.push(reason),
    forged: (summary) => void calls.forged.push(summary),
    flushFailed: (_e, attempt, retryInMs) => void calls.failed.push([attempt, retryInMs]),
    waiting: () => undefined,
  };
  return { o, calls };
}

describe('CallBatcher', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    Logger.overrideLogger(false);
  });
  afterEach(() => {
    jest.useRealTimers();
    Logger.overrideLogger(new Logger());
  });

  it('stores a full batch in one insert at once and acks only its last delivery, with allUpTo', async () => {
    const store = new FakeStore();
    const ch = new FakeChannel();
    const b = new CallBatcher(store, observer().o, auth, { batchSize: 3, flushIntervalMs: 1000 });
    const msgs = [callMessage('a'), callMessage('b'), callMessage('c')];
    for (const m of msgs) b.accept(ch, m);
    await b.flush();
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0].map((e) => e.requestId)).toEqual(['a', 'b', 'c']);
    expect(ch.acks).toEqual([{ tag: msgs[2].fields.deliveryTag, allUpTo: true }]);
  });

  it('reads the next deliveries while a batch commits; the commit acks only up to its own last, a failed one goes back in front', async () => {
    const store = new FakeStore();
    let release: () => void = () => undefined;
    const committing = new Promise<void>((resolve) => (release = resolve));
    const insert = store.insertIgnore.bind(store);
    store.insertIgnore = async (events) => {
      await committing;
      return insert(events);
    };
    store.failuresLeft = 1;
    const ch = new FakeChannel();
    const { o, calls } = observer();
    const b = new CallBatcher(store, o, auth, { batchSize: 2, maxBatch: 2, flushIntervalMs: 1000, retryMinMs: 10 });
    const first = [callMessage('a'), callMessage('b')];
    for (const m of first) b.accept(ch, m);
    const flushing = b.flush();
    // Arriving (and verified) while the first batch commits: they wait behind it.
    const next = [callMessage('c'), callMessage('d')];
    for (const m of next) b.accept(ch, m);
    expect(b.waitingCount).toBe(2);
    release();
    await flushing;
    expect(calls.failed).toEqual([[1, 10]]);
    expect(ch.acks).toEqual([]);
    await jest.advanceTimersByTimeAsync(10);
    await b.flush();
    // The failed batch went first, then the one read during its commit: acks in delivery order.
    expect(store.batches.map((batch) => batch.map((e) => e.requestId))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(ch.acks).toEqual([
      { tag: first[1].fields.deliveryTag, allUpTo: true },
      { tag: next[1].fields.deliveryTag, allUpTo: true },
    ]);
  });

  it('flushes a partial batch after the interval, not before', async () => {
    const store = new FakeStore();
    const ch = new FakeChannel();
    const b = new CallBatcher(store, observer().o, auth, { batchSize: 500, flushIntervalMs: 20 });
    b.accept(ch, callMessage('a'));
    await jest.advanceTimersByTimeAsync(19);
    expect(store.batches).toHaveLength(0);
    expect(ch.acks).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(store.batches).toHaveLength(1);
    expect(ch.acks).toHaveLength(1);
  });

  it.each([
    ['not JSON', Buffer.from('{oops'), 'forged'],
    ['data missing', { pattern: CALL_RECORDED_V1 }, 'forged'],
    ['no MAC', { pattern: CALL_RECORDED_V1, data: { id: 'x', at: 'yesterday' } }, 'forged'],
    [
      'another pattern, sealed',
      { pattern: 'service.workorder.dispatched.v1', data: mac.seal('service.workorder.dispatched.v1', {}) },
      'rejected',
    ],
    ['a bad field, sealed', { pattern: CALL_RECORDED_V1, data: mac.seal(CALL_RECORDED_V1, { id: 'x', at: 'yesterday' }) }, 'rejected'],
  ])('dead-letters a message with %s (nack, no requeue) and keeps consuming', async (_name, body, outcome) => {
    const store = new FakeStore();
    const ch = new FakeChannel();
    const { o, calls } = observer();
    const b = new CallBatcher(store, o, auth, { batchSize: 2, flushIntervalMs: 1000 });
    const bad = delivery(body);
    expect(() => b.accept(ch, bad)).not.toThrow();
    expect(ch.nacks).toEqual([{ tag: bad.fields.deliveryTag, allUpTo: false, requeue: false }]);
    expect(calls.rejected).toHaveLength(outcome === 'rejected' ? 1 : 0);
    expect(calls.forged).toHaveLength(outcome === 'forged' ? 1 : 0);
    const good = [callMessage('x'), callMessage('y')];
    for (const m of good) b.accept(ch, m);
    await b.flush();
    expect(store.batches.flat().map((e) => e.requestId)).toEqual(['x', 'y']);
    expect(ch.acks).toEqual([{ tag: good[1].fields.deliveryTag, allUpTo: true }]);
  });

  it('keeps a batch unacknowledged while the database is down and retries it with growing backoff', async () => {
    const store = new FakeStore();
    store.failuresLeft = 2;
    const ch = new FakeChannel();
    const { o, calls } = observer();
    const b = new CallBatcher(store, o, auth, { batchSize: 2, flushIntervalMs: 20, retryMinMs: 100, retryMaxMs: 1000 });
    const first = [callMessage('a'), callMessage('b')];
    for (const m of first) b.accept(ch, m);
    await jest.advanceTimersByTimeAsync(0);
    expect(calls.failed).toEqual([[1, 100]]);
    expect(ch.acks).toHaveLength(0);
    expect(ch.nacks).toHaveLength(0);

    // Deliveries keep coming while it waits; they join the retried batch behind the failed ones.
    const later = callMessage('c');
    b.accept(ch, later);
    await jest.advanceTimersByTimeAsync(99);
    expect(calls.failed).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls.failed).toEqual([
      [1, 100],
      [2, 200],
    ]);
    expect(ch.acks).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(200);
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0].map((e) => e.requestId)).toEqual(['a', 'b', 'c']);
    expect(ch.acks).toEqual([{ tag: later.fields.deliveryTag, allUpTo: true }]);
    expect(ch.nacks).toHaveLength(0);
    expect(b.waitingCount).toBe(0);
  });

  it('caps the backoff', async () => {
    const store = new FakeStore();
    store.failuresLeft = 6;
    const { o, calls } = observer();
    const b = new CallBatcher(store, o, auth, { batchSize: 1, retryMinMs: 100, retryMaxMs: 500 });
    b.accept(new FakeChannel(), callMessage('a'));
    await jest.advanceTimersByTimeAsync(5000);
    expect(calls.failed.map(([, delay]) => delay)).toEqual([100, 200, 400, 500, 500, 500]);
    expect(store.batches).toHaveLength(1);
  });

  it('reports redelivered events as duplicates and still acks them', async () => {
    const store = new FakeStore();
    const ch = new FakeChannel();
    const { o, calls } = observer();
    const b = new CallBatcher(store, o, auth, { batchSize: 2 });
    b.accept(ch, callMessage('same'));
    b.accept(ch, callMessage('same'));
    await b.flush();
    expect(calls.flushed).toEqual([[1, 1]]);
    expect(ch.acks).toHaveLength(1);
  });

  it('never acks deliveries of a closed channel on its successor', async () => {
    const store = new FakeStore();
    store.failuresLeft = 1;
    const old = new FakeChannel();
    const b = new CallBatcher(store, observer().o, auth, { batchSize: 1, retryMinMs: 100 });
    b.useChannel(old);
    b.accept(old, callMessage('a'));
    await jest.advanceTimersByTimeAsync(0);
    const fresh = new FakeChannel();
    b.useChannel(fresh);
    expect(b.waitingCount).toBe(0);
    const redelivered = callMessage('a');
    b.accept(fresh, redelivered);
    await jest.advanceTimersByTimeAsync(200);
    expect(old.acks).toHaveLength(0);
    expect(fresh.acks).toEqual([{ tag: redelivered.fields.deliveryTag, allUpTo: true }]);
  });

  it('stop() flushes what waits; if the database is down it leaves it unacknowledged and stops retrying', async () => {
    const store = new FakeStore();
    const ch = new FakeChannel();
    const { o, calls } = observer();
    const b = new CallBatcher(store, o, auth, { batchSize: 100, flushIntervalMs: 1000 });
    b.accept(ch, callMessage('a'));
    await b.stop();
    expect(store.batches).toHaveLength(1);
    expect(ch.acks).toHaveLength(1);

    const store2 = new FakeStore();
    store2.failuresLeft = 100;
    const ch2 = new FakeChannel();
    const b2 = new CallBatcher(store2, o, auth, { batchSize: 100, flushIntervalMs: 1000 });
    b2.accept(ch2, callMessage('b'));
    await b2.stop();
    expect(calls.failed.at(-1)).toEqual([1, null]);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls.failed).toHaveLength(1);
    expect(ch2.acks).toHaveLength(0);
    expect(ch2.nacks).toHaveLength(0);
  });
});
