import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { BrokerConnection, QueueConsumer } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { EventBatcher } from '../ingest/event-batcher.js';
import { operationEventParser, type StorableOperationEvent } from './operation-event.parser.js';
import { EventAuthenticator } from '../ingest/event-authenticity.js';
import { ForgedEventAlarm } from '../alert/forged-event.alarm.js';
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
  private readonly consumer: QueueConsumer;

  constructor(
    @Inject(BrokerConnection) broker: BrokerConnection,
    @Inject(OperationLogRepository) repository: OperationLogRepository,
    @Inject(CRM_CONFIG) config: CrmConfig,
    @Inject(AUDIT_CONFIG) audit: AuditConfig,
    @Inject(ForgedEventAlarm) alarm: ForgedEventAlarm,
  ) {
    const parse = operationEventParser(EventAuthenticator.fromConfig(config, audit));
    const batcher = new EventBatcher<StorableOperationEvent>(
      repository,
      new OperationIngestMetrics(alarm),
      parse,
      { batchSize: 100, maxBatch: OPERATION_INGEST_PREFETCH },
      'operation event',
      'OperationBatcher',
    );
    this.consumer = new QueueConsumer(broker, {
      queue: names.auditOperationQueue(config.namespace),
      prefetch: OPERATION_INGEST_PREFETCH,
      label: 'operation',
      sink: batcher,
    });
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
