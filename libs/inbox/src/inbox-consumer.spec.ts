import { randomBytes } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { IsInt, IsString, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { sealEvent } from '@crm/messaging';
import { EventMac } from '@crm/security';
import { traceHeadersOf } from '@crm/tracing';
import { InboxConsumer, type AckChannel, type InboxConsumerOptions, type InboxOutcome } from './inbox-consumer.js';
import type { InboxEvent } from './inbox-handler.decorator.js';

class ThingDto {
  @IsString()
  name: string;

  @IsInt()
  @Min(1)
  version: number;
}

const PATTERN = 'test.thing.created.v1';

/**
 * Stands in for MariaDB: the inbox primary key (purpose, event_id) and the handler's writes are
 * staged per transaction and kept only on commit; `down` makes the next transactions fail the way
 * mysql2 does when the server is unreachable.
 */
class FakeDb {
  readonly inbox = new Set<string>();
  readonly writes: string[] = [];
  readonly log: string[] = [];
  down = 0;

  async transaction<T>(run: (m: FakeManager) => Promise<T>): Promise<T> {
    if (this.down > 0) {
      this.down -= 1;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', fatal: true });
    }
    const m = new FakeManager(this);
    const result = await run(m);
    for (const k of m.keys) this.inbox.add(k);
    this.writes.push(...m.writes);
    this.log.push('commit');
    return result;
  }
}

class FakeManager {
  readonly keys: string[] = [];
  readonly writes: string[] = [];
  constructor(private readonly db: FakeDb) {}

  async query(sql: string, params: unknown[]): Promise<{ affectedRows: number }> {
    if (!sql.startsWith('INSERT IGNORE INTO inbox')) throw new Error(`unexpected SQL ${sql}`);
    const key = `${String(params[0])}|${String(params[1])}`;
    if (this.db.inbox.has(key) || this.keys.includes(key)) return { affectedRows: 0 };
    this.keys.push(key);
    return { affectedRows: 1 };
  }
}

class FakeChannel implements AckChannel {
  readonly acked: number[] = [];
  readonly dead: number[] = [];
  constructor(private readonly log: string[] = []) {}
  ack(message: ConsumeMessage): void {
    this.acked.push(message.fields.deliveryTag);
    this.log.push(`ack ${message.fields.deliveryTag}`);
  }
  nack(message: ConsumeMessage, _allUpTo?: boolean, requeue?: boolean): void {
    if (requeue !== false) throw new Error('the inbox never requeues');
    this.dead.push(message.fields.deliveryTag);
  }
}

let tag = 0;
function delivery(body: unknown, headers: Record<string, unknown> = {}): ConsumeMessage {
  const content = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    content,
    fields: { deliveryTag: ++tag, routingKey: PATTERN, redelivered: false, exchange: 't.events', consumerTag: 'c' },
    properties: { headers },
  } as unknown as ConsumeMessage;
}

function event(eventId: string, data: Record<string, unknown> = { name: 'A', version: 1 }) {
  return { pattern: PATTERN, data: { eventId, occurredAt: '2026-11-30T01:00:00.000Z', caller: null, employeeId: 'E100001', ...data } };
}

function setup(
  handle: (e: InboxEvent<ThingDto>, m: FakeManager) => Promise<void> = async (e, m) => void m.writes.push(`${e.eventId}:${e.data.name}`),
  verifier: InboxConsumerOptions['verifier'] = null,
) {
  const db = new FakeDb();
  const channel = new FakeChannel(db.log);
  const outcomes: InboxOutcome[] = [];
  const seen: Array<InboxEvent<ThingDto>> = [];
  const consumer = new InboxConsumer(
    db as unknown as Pick<DataSource, 'transaction'>,
    'directory',
    't.service.in.directory.dead',
    [
      {
        pattern: PATTERN,
        payload: ThingDto,
        handle: async (e, m) => {
          seen.push(e as InboxEvent<ThingDto>);
          await handle(e as InboxEvent<ThingDto>, m as unknown as FakeManager);
        },
      },
    ],
    (o) => outcomes.push(o),
    { retryMinMs: 1, retryMaxMs: 4, maxHandlerAttempts: 3, verifier },
  );
  consumer.useChannel(channel);
  return { db, channel, consumer, outcomes, seen };
}

describe('InboxConsumer', () => {
  it('applies only events sealed by a CRM app when it authenticates, and dead-letters the rest', async () => {
    const mac = new EventMac('t', { current: { id: 'k1', key: randomBytes(32) }, previous: [] });
    const { db, channel, consumer, outcomes } = setup(undefined, mac);
    const asPublished = sealEvent(mac, event('e-sealed'));
    consumer.accept(channel, delivery(asPublished.content, asPublished.headers));
    // Sealed v1 (inside data) before the upgrade: still applied.
    consumer.accept(channel, delivery({ pattern: PATTERN, data: mac.seal(PATTERN, event('e-sealed-v1').data) }));
    consumer.accept(channel, delivery(event('e-unsealed')));
    const forged = { pattern: PATTERN, data: { ...mac.seal(PATTERN, event('e-forged').data), name: 'changed after sealing' } };
    consumer.accept(channel, delivery(forged));
    const tampered = sealEvent(mac, event('e-tampered'));
    consumer.accept(channel, delivery(Buffer.from(tampered.content.toString().replace('"A"', '"B"')), tampered.headers));
    await consumer.idle();
    expect(db.writes).toEqual(['e-sealed:A', 'e-sealed-v1:A']);
    expect(channel.acked).toHaveLength(2);
    expect(channel.dead).toHaveLength(3);
    expect(outcomes).toEqual(['applied', 'applied', 'refused', 'refused', 'refused']);
  });

  it("runs the handler as a leg of the publisher's trace, so what it writes to the outbox continues it", async () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const producer = '00f067aa0ba902b7';
    const active: Array<string | null> = [];
    const { channel, consumer } = setup(async () => void active.push(traceHeadersOf()?.traceparent ?? null));
    consumer.accept(channel, delivery(event('e-traced'), { traceparent: `00-${trace}-${producer}-01` }));
    consumer.accept(channel, delivery(event('e-untraced')));
    await consumer.idle();
    expect(active[0]).toMatch(new RegExp(`^00-${trace}-[0-9a-f]{16}-01$`));
    expect(active[0]).not.toContain(producer);
    // Without a traceparent the handler starts a trace of its own, never the previous delivery's.
    expect(active[1]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(active[1]).not.toContain(trace);
    expect(traceHeadersOf()).toBeNull();
  });

  it('applies a valid event in the inbox transaction and acknowledges it after the commit', async () => {
    const { db, channel, consumer, seen } = setup();
    const m = delivery({ ...event('e-1'), extra: 1, data: { ...event('e-1').data, phone: '+86 138 0000 0000' } });
    consumer.accept(channel, m);
    await consumer.idle();
    expect(db.writes).toEqual(['e-1:A']);
    expect(db.log).toEqual(['commit', `ack ${m.fields.deliveryTag}`]);
    expect(seen[0]).toMatchObject({ eventId: 'e-1', pattern: PATTERN, employeeId: 'E100001', caller: null });
    expect(seen[0].occurredAt.toISOString()).toBe('2026-11-30T01:00:00.000Z');
    // Only what the payload class declares reaches the handler.
    expect(seen[0].data).toBeInstanceOf(ThingDto);
    expect(Object.keys(seen[0].data).sort()).toEqual(['name', 'version']);
  });

  it('applies a redelivered or re-sent event once, and acknowledges every copy', async () => {
    const { db, channel, consumer, outcomes } = setup();
    consumer.accept(channel, delivery(event('e-2', { name: 'first', version: 2 })));
    consumer.accept(channel, delivery(event('e-2', { name: 'first', version: 2 })));
    // Same id, other content (a producer re-send after a change): still the same event, not applied again.
    consumer.accept(channel, delivery(event('e-2', { name: 'replayed', version: 3 })));
    consumer.accept(channel, delivery(event('e-3', { name: 'next', version: 3 })));
    await consumer.idle();
    expect(db.writes).toEqual(['e-2:first', 'e-3:next']);
    expect(channel.acked).toHaveLength(4);
    expect(channel.dead).toHaveLength(0);
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'applied']);
  });

  it('dead-letters what cannot be parsed or validated, with a log line naming why, and goes on', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { db, channel, consumer, seen } = setup();
      const bad = [
        delivery('{"pattern": "test.thing.created.v1", "data": {'),
        delivery({ pattern: PATTERN }),
        delivery({ pattern: PATTERN, data: { occurredAt: '2026-11-30T01:00:00Z', name: 'x', version: 1 } }),
        delivery(event('e-4', { occurredAt: 'yesterday' })),
        delivery({ ...event('e-5'), pattern: 'test.other.created.v1' }),
        delivery(event('e-6', { name: 42, version: 0 })),
      ];
      const good = delivery(event('e-7'));
      for (const m of [...bad, good]) consumer.accept(channel, m);
      await consumer.idle();
      expect(channel.dead).toEqual(bad.map((m) => m.fields.deliveryTag));
      expect(channel.acked).toEqual([good.fields.deliveryTag]);
      expect(seen.map((e) => e.eventId)).toEqual(['e-7']);
      expect(db.writes).toEqual(['e-7:A']);
      const reasons = warn.mock.calls.map(([line]) => (line as { reason?: string }).reason);
      expect(reasons).toEqual([
        'body is not JSON',
        'data missing or not an object',
        expect.stringContaining('data.eventId missing'),
        expect.stringContaining('data.occurredAt'),
        'no handler for pattern test.other.created.v1',
        'payload failed validation',
      ]);
      const invalid = warn.mock.calls[5][0] as { msg: string; eventId: string; details: Array<{ field: string }> };
      expect(invalid.msg).toContain('dead-lettered to t.service.in.directory.dead');
      expect(invalid.eventId).toBe('e-6');
      expect(invalid.details.map((d) => d.field).sort()).toEqual(['name', 'version']);
      // Field rules only, never values (events may carry personal data).
      expect(JSON.stringify(warn.mock.calls)).not.toContain('42');
    } finally {
      warn.mockRestore();
    }
  });

  it('keeps the event unacknowledged while the database is down, takes nothing else, and resumes by itself', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { db, channel, consumer, seen } = setup();
      db.down = 6;
      const first = delivery(event('e-8'));
      const second = delivery(event('e-9'));
      consumer.accept(channel, first);
      consumer.accept(channel, second);
      await new Promise((r) => setTimeout(r, 3));
      expect(channel.acked).toEqual([]);
      expect(consumer.waitingCount).toBe(1);
      await consumer.idle();
      expect(db.down).toBe(0);
      expect(channel.acked).toEqual([first.fields.deliveryTag, second.fields.deliveryTag]);
      expect(channel.dead).toEqual([]);
      expect(seen.map((e) => e.eventId)).toEqual(['e-8', 'e-9']);
      expect(db.writes).toEqual(['e-8:A', 'e-9:A']);
    } finally {
      warn.mockRestore();
    }
  });

  it('retries a failing handler (its writes rolled back each time) and dead-letters it when it keeps failing', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      let calls = 0;
      const { db, channel, consumer, outcomes } = setup(async (e, m) => {
        calls += 1;
        m.writes.push(`${e.eventId}:attempt-${calls}`);
        if (e.eventId === 'poison' || calls === 1) throw new Error('handler refused');
      });
      const flaky = delivery(event('flaky'));
      const poison = delivery(event('poison'));
      consumer.accept(channel, flaky);
      consumer.accept(channel, poison);
      await consumer.idle();
      expect(db.writes).toEqual(['flaky:attempt-2']);
      expect(db.inbox.has('directory|poison')).toBe(false);
      expect(channel.acked).toEqual([flaky.fields.deliveryTag]);
      expect(channel.dead).toEqual([poison.fields.deliveryTag]);
      expect(calls).toBe(2 + 3);
      expect(outcomes).toEqual(['applied', 'failed']);
      expect(error.mock.calls[0][0]).toMatchObject({ eventId: 'poison', attempts: 3, err: 'handler refused' });
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('leaves deliveries of a closed channel alone (the broker redelivers them on the new one)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { db, channel, consumer, seen } = setup();
      db.down = 1_000;
      consumer.accept(channel, delivery(event('e-10')));
      consumer.accept(channel, delivery(event('e-11')));
      await new Promise((r) => setTimeout(r, 5));
      const reopened = new FakeChannel();
      consumer.useChannel(reopened);
      db.down = 0;
      const again = delivery(event('e-10'));
      consumer.accept(reopened, again);
      await consumer.idle();
      expect(channel.acked).toEqual([]);
      expect(channel.dead).toEqual([]);
      expect(reopened.acked).toEqual([again.fields.deliveryTag]);
      expect(seen.map((e) => e.eventId)).toEqual(['e-10']);
    } finally {
      warn.mockRestore();
    }
  });

  it('stop() ends the wait of an event in hand without settling it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { db, channel, consumer } = setup();
      db.down = 1_000_000;
      consumer.accept(channel, delivery(event('e-12')));
      await new Promise((r) => setTimeout(r, 5));
      const t0 = Date.now();
      await consumer.stop();
      expect(Date.now() - t0).toBeLessThan(100);
      expect(channel.acked).toEqual([]);
      expect(channel.dead).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});
