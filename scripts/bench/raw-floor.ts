import { createHash, randomUUID } from 'node:crypto';
import amqplib, { type ChannelModel, type ConsumeMessage } from 'amqplib';
import mysql from 'mysql2/promise';
import { runLoad, type LoadResult } from './load.js';

/**
 * The irreducible work of a request over the broker, hand-written with amqplib + mysql2 and nothing
 * else: parse, one keyed hash (the credential check from memory), one autocommitted INSERT keyed by
 * the request's id, one confirmed persistent event publish, ack, reply. The floor an app's figure is
 * measured against, in the same run and at the same concurrency (dispatch and lead capture benches).
 */
export class RawFloor {
  private conn?: ChannelModel;
  private pool?: mysql.Pool;

  constructor(
    private readonly amqpUrl: string,
    private readonly ns: string,
    private readonly prefetch = 64,
  ) {}

  get queue(): string {
    return `${this.ns}.baseline`;
  }

  async start(): Promise<void> {
    const admin = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${this.ns}_baseline\``);
    await admin.end();
    this.pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: `${this.ns}_baseline`, connectionLimit: 10 });
    await this.pool.query(
      `CREATE TABLE IF NOT EXISTS request (id CHAR(36) PRIMARY KEY, request_id VARCHAR(64) UNIQUE, pattern VARCHAR(100), body JSON, created_at DATETIME(3))`,
    );
    this.conn = await amqplib.connect(this.amqpUrl, { noDelay: true });
    const ch = await this.conn.createConfirmChannel();
    await ch.assertQueue(this.queue, { durable: true });
    await ch.assertExchange(`${this.ns}.baseline-events`, 'topic', { durable: true });
    // Bound to a durable queue so the event is really persisted: an unroutable publish is
    // confirmed at once and dropped, which would make the floor unrealistically cheap.
    await ch.assertQueue(`${this.ns}.baseline-events`, { durable: true });
    await ch.bindQueue(`${this.ns}.baseline-events`, `${this.ns}.baseline-events`, '#');
    await ch.prefetch(this.prefetch);
    const key = Buffer.from('baseline-key');
    // One message at a time per delivery; a failure dead-letters it and is reported (never an unhandled rejection).
    const handle = async (m: ConsumeMessage): Promise<void> => {
      const msg = JSON.parse(m.content.toString());
      createHash('sha256').update(key).update(String(msg.data.password)).digest();
      const id = randomUUID();
      // The request's own id is the idempotency key (the dispatch's orderNo, the capture's message id): one unique key checked per INSERT.
      await this.pool!.query('INSERT INTO request (id, request_id, pattern, body, created_at) VALUES (?, ?, ?, ?, NOW(3))', [
        id,
        String(msg.id ?? m.properties.correlationId),
        String(msg.pattern),
        JSON.stringify(msg.data.payload),
      ]);
      await new Promise<void>((resolve, reject) =>
        ch.publish(
          `${this.ns}.baseline-events`,
          String(msg.pattern),
          Buffer.from(JSON.stringify({ pattern: msg.pattern, data: { id } })),
          { persistent: true },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
      ch.ack(m);
      ch.sendToQueue(
        m.properties.replyTo,
        Buffer.from(JSON.stringify({ response: { code: 0, message: 'OK', data: { id } }, isDisposed: true })),
        {
          correlationId: m.properties.correlationId,
        },
      );
    };
    await ch.consume(this.queue, (m) => {
      if (!m) return;
      handle(m).catch((error: unknown) => {
        process.stderr.write(`baseline: message failed: ${(error as Error).message}\n`);
        ch.nack(m, false, false);
      });
    });
  }

  /** Closed-loop load on the floor: a short warm-up (JIT, pool), then `durationMs` measured, with the app's own request bodies. */
  async measure(opts: { concurrency: number; durationMs: number; makeBody: (i: number) => object }): Promise<LoadResult> {
    await this.warmUp(opts);
    return this.run(opts);
  }

  /** 1.5 s of load that is not measured: JIT, pool. */
  async warmUp(opts: { concurrency: number; makeBody: (i: number) => object }): Promise<void> {
    await runLoad({ amqpUrl: this.amqpUrl, queue: this.queue, concurrency: opts.concurrency, makeBody: opts.makeBody, durationMs: 1500 });
  }

  /** `durationMs` of measured load, without a warm-up. */
  run(opts: { concurrency: number; durationMs: number; ratePerSec?: number; makeBody: (i: number) => object }): Promise<LoadResult> {
    return runLoad({ amqpUrl: this.amqpUrl, queue: this.queue, ...opts });
  }

  async stop(): Promise<void> {
    if (this.conn) {
      const ch = await this.conn.createChannel();
      await ch.deleteQueue(this.queue).catch(() => undefined);
      await ch.deleteQueue(`${this.ns}.baseline-events`).catch(() => undefined);
      await ch.deleteExchange(`${this.ns}.baseline-events`).catch(() => undefined);
      await this.conn.close().catch(() => undefined);
    }
    await this.pool?.query(`DROP DATABASE IF EXISTS \`${this.ns}_baseline\``);
    await this.pool?.end();
  }
}
