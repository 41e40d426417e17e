import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { IsString } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { Inbox1763882000000, InboxConsumer, type AckChannel, type InboxOutcome } from '@crm/inbox';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '@crm/persistence';

/**
 * The inbox against the real MariaDB, where its guarantees come from: two replicas handed the same
 * event at once apply it once (the second one's insert waits on the first one's row lock), and an
 * unreachable database (a TCP proxy that drops and refuses connections) keeps the event
 * unacknowledged until the database is back, with the real driver's errors.
 */

jest.setTimeout(60_000);

const databaseUrl = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const target = { databaseUrl, database: `t_${randomBytes(5).toString('hex')}_inbox` };
const PATTERN = 'test.thing.changed.v1';

class ThingDto {
  @IsString()
  name: string;
}

/** Forwards to MariaDB until `down()`: then drops every connection and refuses new ones. */
class DbProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async up(): Promise<void> {
    const u = new URL(databaseUrl);
    this.server = createServer((client) => {
      const upstream = connect(Number(u.port || 3306), u.hostname || '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = null;
  }
}

class Channel implements AckChannel {
  readonly acked: string[] = [];
  readonly dead: string[] = [];
  ack(m: ConsumeMessage): void {
    this.acked.push(m.content.toString());
  }
  nack(m: ConsumeMessage): void {
    this.dead.push(m.content.toString());
  }
}

function delivery(eventId: string, name = 'x'): ConsumeMessage {
  const body = { pattern: PATTERN, data: { eventId, occurredAt: new Date().toISOString(), name } };
  return {
    content: Buffer.from(JSON.stringify(body)),
    fields: { deliveryTag: 1, routingKey: PATTERN },
    properties: {},
  } as unknown as ConsumeMessage;
}

function replica(ds: DataSource, handle: (eventId: string, m: EntityManager) => Promise<void>, outcomes: InboxOutcome[] = []) {
  const channel = new Channel();
  const consumer = new InboxConsumer(
    ds,
    'things',
    'test.things.dead',
    [{ pattern: PATTERN, payload: ThingDto, handle: (e, m) => handle(e.eventId, m) }],
    (o) => outcomes.push(o),
    { retryMinMs: 20, retryMaxMs: 200 },
  );
  consumer.useChannel(channel);
  return { channel, consumer, outcomes };
}

let ds: DataSource;

async function appliedCount(eventId: string): Promise<number> {
  const [row] = await ds.query('SELECT COUNT(*) AS n FROM applied_change WHERE event_id = ?', [eventId]);
  return Number(row.n);
}

async function applyChange(eventId: string, m: EntityManager, holdMs = 0): Promise<void> {
  await m.query('INSERT INTO applied_change (event_id) VALUES (?)', [eventId]);
  if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
}

beforeAll(async () => {
  await ensureDatabase(target);
  ds = new DataSource(dataSourceOptions(target, [], [Inbox1763882000000], 8));
  await ds.initialize();
  await ds.runMigrations();
  // No unique key on purpose: applying an event twice would show as two rows.
  await ds.query('CREATE TABLE applied_change (id INT AUTO_INCREMENT PRIMARY KEY, event_id VARCHAR(128) NOT NULL) ENGINE=InnoDB');
});

afterAll(async () => {
  await ds?.destroy();
  await dropDatabase(target);
});

describe('inbox with competing replicas', () => {
  it('applies an event handed to two replicas at the same time once; both acknowledge it', async () => {
    const eventId = randomUUID();
    const outcomes: InboxOutcome[] = [];
    const a = replica(ds, (id, m) => applyChange(id, m, 300), outcomes);
    const b = replica(ds, (id, m) => applyChange(id, m, 300), outcomes);
    a.consumer.accept(a.channel, delivery(eventId));
    b.consumer.accept(b.channel, delivery(eventId));
    await Promise.all([a.consumer.idle(), b.consumer.idle()]);
    expect(await appliedCount(eventId)).toBe(1);
    expect(outcomes.sort()).toEqual(['applied', 'duplicate']);
    expect([a.channel.acked.length, b.channel.acked.length]).toEqual([1, 1]);
  });

  it('lets the other replica apply it when the first one rolls back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const eventId = randomUUID();
      let failed = false;
      const outcomes: InboxOutcome[] = [];
      const a = replica(
        ds,
        async (id, m) => {
          await applyChange(id, m, 300);
          if (!failed) {
            failed = true;
            throw new Error('handler refused');
          }
        },
        outcomes,
      );
      const b = replica(ds, (id, m) => applyChange(id, m), outcomes);
      a.consumer.accept(a.channel, delivery(eventId));
      await new Promise((r) => setTimeout(r, 100));
      b.consumer.accept(b.channel, delivery(eventId));
      await Promise.all([a.consumer.idle(), b.consumer.idle()]);
      expect(await appliedCount(eventId)).toBe(1);
      expect(outcomes.sort()).toEqual(['applied', 'duplicate']);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('inbox while the database is unreachable', () => {
  it('keeps the event unacknowledged, waits, and applies it once the database is back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const proxy = new DbProxy();
    await proxy.up();
    const proxied = new DataSource({
      ...dataSourceOptions({ ...target, databaseUrl: `mysql://root@127.0.0.1:${proxy.port}` }, [], [], 2),
      migrationsRun: false,
      connectTimeout: 1000,
    } as never);
    await proxied.initialize();
    try {
      const r = replica(proxied, (id, m) => applyChange(id, m));
      await proxy.down();
      const eventId = randomUUID();
      r.consumer.accept(r.channel, delivery(eventId));
      await new Promise((res) => setTimeout(res, 2500));
      expect(r.channel.acked).toEqual([]);
      expect(r.channel.dead).toEqual([]);
      expect(warn.mock.calls.some(([line]) => String((line as { msg?: string }).msg).includes('database unavailable'))).toBe(true);
      await proxy.up();
      await r.consumer.idle();
      expect(r.channel.acked).toHaveLength(1);
      expect(r.channel.dead).toEqual([]);
      expect(await appliedCount(eventId)).toBe(1);
    } finally {
      warn.mockRestore();
      await proxied.destroy().catch(() => undefined);
      await proxy.down().catch(() => undefined);
    }
  });
});
