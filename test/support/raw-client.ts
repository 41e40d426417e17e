import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { connectAmqp } from './amqp-connect.js';

export interface RawReply {
  response?: { code: number; message: string; data: any };
  err?: { code: number; message: string; details?: Array<{ field: string; reasons: string[] }> };
  isDisposed?: boolean;
}

/**
 * Speaks the wire contract with plain amqplib, the way EOMS (Java/Python) would: no NestJS client.
 * Direct reply-to, correlation ids, persistent requests, Nagle off.
 */
export class RawClient {
  private pending = new Map<string, (r: RawReply) => void>();

  private constructor(
    readonly conn: ChannelModel,
    readonly ch: Channel,
  ) {}

  static async connect(url = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'): Promise<RawClient> {
    const conn = await connectAmqp(url, { noDelay: true });
    const ch = await conn.createChannel();
    const c = new RawClient(conn, ch);
    await ch.consume('amq.rabbitmq.reply-to', (m) => c.onReply(m), { noAck: true });
    return c;
  }

  private onReply(m: ConsumeMessage | null) {
    if (!m) return;
    const cb = this.pending.get(m.properties.correlationId);
    if (!cb) return;
    this.pending.delete(m.properties.correlationId);
    cb(JSON.parse(m.content.toString()));
  }

  /** Sends raw bytes and waits for the reply (or rejects after timeoutMs). */
  sendRaw(queue: string, body: Buffer | string, timeoutMs = 10_000, props: Record<string, unknown> = {}): Promise<RawReply> {
    const correlationId = randomUUID();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(correlationId, (r) => {
        clearTimeout(t);
        resolve(r);
      });
      this.ch.sendToQueue(queue, Buffer.isBuffer(body) ? body : Buffer.from(body), {
        replyTo: 'amq.rabbitmq.reply-to',
        correlationId,
        persistent: true,
        contentType: 'application/json',
        ...props,
      });
    });
  }

  call(
    queue: string,
    pattern: string,
    data: { caller?: string; password?: string; requestId?: string; actor?: string; payload?: unknown } & Record<string, unknown>,
    opts: { id?: string; timeoutMs?: number } = {},
  ): Promise<RawReply> {
    return this.sendRaw(queue, JSON.stringify({ pattern, id: opts.id ?? randomUUID(), data }), opts.timeoutMs);
  }

  /** One-way call (no `id`): no reply is expected. */
  emit(queue: string, pattern: string, data: Record<string, unknown>): void {
    this.ch.sendToQueue(queue, Buffer.from(JSON.stringify({ pattern, data })), { persistent: true, contentType: 'application/json' });
  }

  async close(): Promise<void> {
    await this.ch.close().catch(() => undefined);
    await this.conn.close().catch(() => undefined);
  }
}
