import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder in front of a broker that can fail the way a node does: `kill()` resets every
 * connection and stops listening (a SIGKILLed node), `freeze()` keeps connections open but passes
 * nothing either way and accepts new ones without answering (a SIGSTOPped node). Lets one broker
 * stand for several addresses of a cluster in failover tests.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  private frozen = false;

  private constructor(
    private readonly target: { host: string; port: number },
    private listenPort: number,
  ) {}

  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, port);
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.listenPort;
  }

  /** Connections passed through to the broker and still open. */
  get connections(): number {
    return [...this.pairs].filter((p) => p.upstream && !p.client.destroyed).length;
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        this.listenPort = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    const pair: { client: Socket; upstream: Socket | null } = { client, upstream: null };
    this.pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      this.pairs.delete(pair);
      pair.upstream?.destroy();
    });
    if (this.frozen) client.pause();
    else this.link(pair);
  }

  private link(pair: { client: Socket; upstream: Socket | null }): void {
    const upstream = connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('error', () => undefined);
    upstream.on('close', () => pair.client.destroy());
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
  }

  /** A SIGKILLed node: every connection reset, nothing listens on the port. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream?.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise((r) => server.close(r));
  }

  /** Listens again on the same port (a node restarted). */
  async revive(): Promise<void> {
    if (!this.server) await this.listen();
  }

  /** A SIGSTOPped node: open connections go silent both ways; new ones are accepted and never answered. */
  freeze(): void {
    this.frozen = true;
    // Unpiped and paused, what arrives waits in the sockets (a pipe would resume on 'drain').
    for (const { client, upstream } of this.pairs) {
      client.unpipe();
      client.pause();
      upstream?.unpipe();
      upstream?.pause();
    }
  }

  /** SIGCONT: everything held passes again. */
  thaw(): void {
    this.frozen = false;
    for (const pair of this.pairs) {
      if (!pair.upstream) this.link(pair);
      else {
        pair.client.pipe(pair.upstream);
        pair.upstream.pipe(pair.client);
      }
    }
  }

  async close(): Promise<void> {
    await this.kill();
  }
}
