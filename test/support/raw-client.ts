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
  private pending = new Map<string, (r: RawReply | Error) => void>();

  private constructor(
    readonly conn: ChannelModel,
    readonly ch: Channel,
  ) {
    // A lost connection (node killed, heartbeat missed) fails the calls waiting on it at once.
    conn.on('error', () => undefined);
    conn.on('close', () => this.failPending(new Error('broker connection lost')));
  }

  private failPending(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const cb of waiting) cb(error);
  }

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
        if (r instanceof Error) reject(r);
        else resolve(r);
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

/**
 * A partner's client for a cluster: a RawClient on one node of an AMQP_URL list, replaced by one on
 * the next node when its connection is lost (killed node; a frozen one after two missed 5 s
 * heartbeats). Calls waiting on a lost connection fail (the caller retries them); `setup` runs on
 * every new connection (e.g. to consume again).
 */
export class FailoverClient {
  private current: RawClient | null = null;
  private connecting: Promise<RawClient> | null = null;
  private next = 0;
  private closed = false;
  /** Connections opened after the first. */
  reconnects = -1;

  private constructor(
    private readonly addresses: string[],
    private readonly setup: (client: RawClient) => Promise<void>,
  ) {}

  static async connect(amqpUrl: string, setup: (client: RawClient) => Promise<void> = async () => undefined): Promise<FailoverClient> {
    const addresses = amqpUrl.split(',').map((a) => {
      const u = new URL(a.trim());
      u.searchParams.set('heartbeat', '5');
      return u.toString();
    });
    const c = new FailoverClient(addresses, setup);
    await c.client();
    return c;
  }

  /** The open client, connecting (round robin from the node after the last one) when there is none. */
  client(timeoutMs = 90_000): Promise<RawClient> {
    if (this.current) return Promise.resolve(this.current);
    this.connecting ??= this.open(timeoutMs).finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(timeoutMs: number): Promise<RawClient> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (!this.closed && Date.now() < deadline) {
      const address = this.addresses[this.next % this.addresses.length];
      this.next++;
      let c: RawClient | undefined;
      try {
        c = await RawClient.connect(address);
        await this.setup(c);
        const opened = c;
        opened.conn.once('close', () => {
          if (this.current === opened) this.current = null;
        });
        this.current = opened;
        this.reconnects++;
        return opened;
      } catch (error) {
        last = error;
        await c?.close();
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    throw new Error(`no node of the cluster answers: ${String(last)}`);
  }

  async call(...args: Parameters<RawClient['call']>): Promise<RawReply> {
    return (await this.client()).call(...args);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current?.close();
  }
}
