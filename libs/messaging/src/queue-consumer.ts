import { Logger } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { BrokerConnection } from './broker-connection.js';

/** What a queue consumer feeds: it settles (acks or dead-letters) each delivery itself. */
export interface DeliverySink {
  /** A (re)opened channel: deliveries of the previous one can no longer be settled. */
  useChannel(channel: Channel): void;
  accept(channel: Channel, message: ConsumeMessage): void;
  stop(): Promise<void>;
}

/**
 * One durable queue consumed on a channel of its own, on the app's broker connection (acks with
 * allUpTo are only safe on a channel nobody else acks on). Setup runs again on every reconnect,
 * with a new channel; shutdown stops deliveries, lets the sink finish what it received, then closes.
 * Used by audit's ingests and by `@crm/inbox`.
 */
export class QueueConsumer {
  private readonly log: Logger;
  private wrapper: ChannelWrapper | null = null;
  private consumer: { channel: Channel; tag: string } | null = null;

  constructor(
    private readonly broker: BrokerConnection,
    private readonly o: { queue: string; prefetch: number; label: string; sink: DeliverySink },
  ) {
    this.log = new Logger(`${o.label} consumer`);
  }

  start(): void {
    const { queue, prefetch, label, sink } = this.o;
    this.wrapper = this.broker.manager.createChannel({
      name: `${label}-consumer`,
      json: false,
      confirm: false,
      setup: async (channel: Channel) => {
        sink.useChannel(channel);
        await this.broker.assertTopology(channel);
        await channel.prefetch(prefetch);
        const { consumerTag } = await channel.consume(queue, (message) => message && sink.accept(channel, message), { noAck: false });
        this.consumer = { channel, tag: consumerTag };
        this.log.log({ msg: `consuming ${label} events`, queue, prefetch });
      },
    });
    this.wrapper.on('error', (err: Error) => this.log.warn({ msg: `${label} consumer channel error`, err: err.message }));
  }

  async stop(): Promise<void> {
    if (this.consumer) {
      const { channel, tag } = this.consumer;
      this.consumer = null;
      await Promise.resolve()
        .then(() => channel.cancel(tag))
        .catch(() => undefined);
    }
    await this.o.sink.stop();
    await this.wrapper?.close().catch(() => undefined);
  }
}
