import { createHash, randomUUID } from 'node:crypto';
import amqplib, { type ChannelModel, type ConsumeMessage } from 'amqplib';
import mysql from 'mysql2/promise';

/**
 * The irreducible work of a dispatch, hand-written with amqplib + mysql2 and nothing else: parse,
 * one keyed hash (the credential check from memory), one INSERT, one confirmed persistent event
 * publish, reply, ack. The floor the real service app is measured against.
 */
export class DispatchBaseline {
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
      `CREATE TABLE IF NOT EXISTS work_order (id CHAR(36) PRIMARY KEY, order_no VARCHAR(64) UNIQUE, title VARCHAR(200), body JSON, created_at DATETIME(3))`,
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
      const p = msg.data.payload;
      await this.pool!.query('INSERT INTO work_order (id, order_no, title, body, created_at) VALUES (?, ?, ?, ?, NOW(3))', [
        id,
        p.orderNo,
        p.title,
        JSON.stringify(p),
      ]);
      await new Promise<void>((resolve, reject) =>
        ch.publish(
          `${this.ns}.baseline-events`,
          'service.workorder.dispatched.v1',
          Buffer.from(JSON.stringify({ pattern: 'service.workorder.dispatched.v1', data: { id } })),
          { persistent: true },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
      ch.ack(m);
      ch.sendToQueue(
        m.properties.replyTo,
        Buffer.from(
          JSON.stringify({ response: { code: 0, message: 'OK', data: { workOrderId: id, status: 'dispatched' } }, isDisposed: true }),
        ),
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
