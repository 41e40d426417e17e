import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel } from 'amqplib';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { assertTopology, BrokerConnection } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { EventBatcher } from '../ingest/event-batcher.js';
import { parseOperationEventMessage, type StorableOperationEvent } from './operation-event.parser.js';
import { OperationIngestMetrics } from './operation-ingest.metrics.js';
import { OperationLogRepository } from './operation-log.repository.js';

/** Operation events are far rarer than call events; a smaller window is plenty. */
export const OPERATION_INGEST_PREFETCH = 200;

/**
 * Consumes `<ns>.audit.operations` on a channel of its own and stores the events in batches with
 * the same guarantees as the call log: ack only after commit, redelivery stored once.
 */
@Injectable()
export class OperationIngestService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('OperationIngestService');
  private readonly batcher: EventBatcher<StorableOperationEvent>;
  private wrapper: ChannelWrapper | null = null;
  private consumer: { channel: Channel; tag: string } | null = null;

  constructor(
    @Inject(BrokerConnection) private readonly broker: BrokerConnection,
    @Inject(OperationLogRepository) repository: OperationLogRepository,
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
  ) {
    this.batcher = new EventBatcher(repository, new OperationIngestMetrics(), parseOperationEventMessage, { batchSize: 100, maxBatch: OPERATION_INGEST_PREFETCH }, 'operation event', 'OperationBatcher');
  }

  onApplicationBootstrap(): void {
    const queue = names.auditOperationQueue(this.config.namespace);
    this.wrapper = this.broker.manager.createChannel({
      name: 'audit-operation-ingest',
      json: false,
      confirm: false,
      setup: async (channel: Channel) => {
        this.batcher.useChannel(channel);
        await assertTopology(channel, this.config.namespace, this.config.queueType);
        await channel.prefetch(OPERATION_INGEST_PREFETCH);
        const { consumerTag } = await channel.consume(
          queue,
          (message) => {
            if (message) this.batcher.accept(channel, message);
          },
          { noAck: false },
        );
        this.consumer = { channel, tag: consumerTag };
        this.log.log({ msg: 'consuming operation events', queue, prefetch: OPERATION_INGEST_PREFETCH });
      },
    });
    this.wrapper.on('error', (err: Error) => this.log.warn({ msg: 'operation ingest channel error', err: err.message }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.consumer) {
      const { channel, tag } = this.consumer;
      this.consumer = null;
      await Promise.resolve()
        .then(() => channel.cancel(tag))
        .catch(() => undefined);
    }
    await this.batcher.stop();
    await this.wrapper?.close().catch(() => undefined);
  }
}
