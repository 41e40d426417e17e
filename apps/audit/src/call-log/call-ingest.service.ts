import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel } from 'amqplib';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { assertTopology, BrokerConnection } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { CallBatcher } from './call-batcher.js';
import { CallIngestMetrics } from './call-ingest.metrics.js';
import { CallLogRepository } from './call-log.repository.js';

/** Deliveries in flight per consumer: bounds memory and is what stops the broker while the database is away. */
export const INGEST_PREFETCH = 1000;

/**
 * Consumes `<ns>.audit.calls` on a channel of its own (acks with allUpTo are only safe on a channel
 * nobody else acks on) and stores events in batches. Competing consumers across replicas are fine:
 * each batch is idempotent on the event id.
 */
@Injectable()
export class CallIngestService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('CallIngestService');
  private readonly metrics = new CallIngestMetrics();
  private readonly batcher: CallBatcher;
  private wrapper: ChannelWrapper | null = null;
  private consumer: { channel: Channel; tag: string } | null = null;

  constructor(
    @Inject(BrokerConnection) private readonly broker: BrokerConnection,
    @Inject(CallLogRepository) repository: CallLogRepository,
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
  ) {
    this.batcher = new CallBatcher(repository, this.metrics);
  }

  onApplicationBootstrap(): void {
    const queue = names.auditCallQueue(this.config.namespace);
    this.wrapper = this.broker.manager.createChannel({
      name: 'audit-call-ingest',
      json: false,
      confirm: false,
      // Runs again on every reconnect, with a new channel.
      setup: async (channel: Channel) => {
        this.batcher.useChannel(channel);
        await assertTopology(channel, this.config.namespace, this.config.queueType);
        await channel.prefetch(INGEST_PREFETCH);
        const { consumerTag } = await channel.consume(
          queue,
          (message) => {
            if (message) this.batcher.accept(channel, message);
          },
          { noAck: false },
        );
        this.consumer = { channel, tag: consumerTag };
        this.log.log({ msg: 'consuming call events', queue, prefetch: INGEST_PREFETCH });
      },
    });
    this.wrapper.on('error', (err: Error) => this.log.warn({ msg: 'call ingest channel error', err: err.message }));
  }

  /** Before the broker and the database close: stop deliveries, store what was received, then close. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.consumer) {
      const { channel, tag } = this.consumer;
      this.consumer = null;
      await Promise.resolve()
        .then(() => channel.cancel(tag))
        .catch(() => undefined);
    }
    await this.batcher.stop();
    this.metrics.close();
    await this.wrapper?.close().catch(() => undefined);
  }
}
