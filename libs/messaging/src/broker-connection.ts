import { Logger } from '@nestjs/common';
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import type { Channel } from 'amqplib';
import { coalesceFrameWrites } from './frame-coalescing.js';
import { assertTopology, type DeadQueueBounds, type QueueType } from './topology.js';
import type { EventSealer } from './sealed-event.js';

/**
 * How every app connection to the broker behaves, the Nest server's and the client's: heartbeats
 * every 10 s (a silent node is given up after two missed ones), a reconnect 2 s after a loss, to the
 * next address of AMQP_URL's list, and at most 5 s to open a connection: a frozen node still accepts
 * TCP connections and would otherwise hold the reconnect forever at the AMQP handshake.
 */
export const BROKER_LINK = { heartbeatIntervalInSeconds: 10, reconnectTimeInSeconds: 2, connectTimeoutMs: 5_000 } as const;

export interface BrokerSettings {
  /** AMQP_URL's addresses: on a loss the connection moves on to the next (round robin). */
  amqpUrls: readonly string[];
  namespace: string;
  queueType: QueueType;
  deadQueueBounds: DeadQueueBounds;
  /** Name shown in the RabbitMQ management UI for this connection. */
  connectionName: string;
  /** Seals every event published through this connection (EventPublisher). */
  sealer: EventSealer;
}

/**
 * The app's own client connection (separate from the Nest server's consumer connection): confirmed
 * publishing of events and outbound calls. Reconnects by itself; while it is down, publishes wait
 * in the channel wrapper (bounded by their timeout) instead of failing or vanishing.
 */
export class BrokerConnection {
  private readonly log = new Logger('BrokerConnection');
  readonly manager: AmqpConnectionManager;
  readonly channel: ChannelWrapper;
  private readonly disconnectListeners: Array<() => void> = [];

  constructor(readonly settings: BrokerSettings) {
    this.manager = amqp.connect([...settings.amqpUrls], {
      heartbeatIntervalInSeconds: BROKER_LINK.heartbeatIntervalInSeconds,
      reconnectTimeInSeconds: BROKER_LINK.reconnectTimeInSeconds,
      connectionOptions: {
        noDelay: true,
        timeout: BROKER_LINK.connectTimeoutMs,
        clientProperties: { connection_name: settings.connectionName },
      },
    });
    this.manager.on('disconnect', ({ err }) => {
      this.log.warn(`broker connection lost: ${err?.message ?? 'unknown reason'}`);
      for (const l of this.disconnectListeners) l();
    });
    this.manager.on('connect', ({ connection, url }) => {
      coalesceFrameWrites(connection);
      this.log.log({ msg: 'broker connected', node: brokerAddress(url) });
    });
    this.channel = this.manager.createChannel({
      json: false,
      confirm: true,
      setup: (ch: ConfirmChannel) => this.assertTopology(ch),
    });
  }

  /** The namespace's topology, declared on `channel` (dead queues on short-lived channels of this connection). */
  async assertTopology(channel: Channel): Promise<void> {
    const model = this.manager.connection;
    if (!model) throw new Error('broker connection is not open');
    await assertTopology(channel, this.settings.namespace, this.settings.queueType, this.settings.deadQueueBounds, model);
  }

  get connected(): boolean {
    return this.manager.isConnected();
  }

  onDisconnect(listener: () => void): void {
    this.disconnectListeners.push(listener);
  }

  async waitReady(timeoutMs = 15_000): Promise<void> {
    await Promise.race([
      this.channel.waitForConnect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`broker not reachable within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.manager.close().catch(() => undefined);
  }
}

/** host:port of an address, for logs (never its credentials). */
export function brokerAddress(url: unknown): string {
  const u = typeof url === 'string' ? URL.parse(url) : null;
  return u ? u.host : 'unknown';
}
