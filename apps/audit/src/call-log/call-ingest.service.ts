import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { BrokerConnection, QueueConsumer } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { EventAuthenticator } from '../ingest/event-authenticity.js';
import { CallLogAlertTail } from '../alert/call-log-tail.js';
import { ForgedEventAlarm } from '../alert/forged-event.alarm.js';
import { CallBatcher } from './call-batcher.js';
import { CallIngestMetrics } from './call-ingest.metrics.js';
import { CallLogRepository } from './call-log.repository.js';

/**
 * The largest batch: a chained batch has a fixed cost (head lock, id check, head update), so under
 * backlog the batches grow while one is being stored.
 */
export const INGEST_MAX_BATCH = 2000;

/**
 * Deliveries in flight per consumer: bounds memory and is what stops the broker while the database
 * is away. Twice the largest batch, so that while one batch commits the next one is already being
 * delivered and verified (with prefetch = batch, audit sat idle during every commit: a quarter of
 * its time, docs/benchmarks.md). The EventBatcher keeps its ack invariant with any prefetch: at
 * most one flush, oldest deliveries first, a failed batch back in front.
 */
export const INGEST_PREFETCH = 2 * INGEST_MAX_BATCH;

/**
 * Consumes `<ns>.audit.calls` on a channel of its own (acks with allUpTo are only safe on a channel
 * nobody else acks on) and stores events in batches. Competing consumers across replicas are fine:
 * each batch is idempotent on the event id.
 */
@Injectable()
export class CallIngestService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly metrics: CallIngestMetrics;
  private readonly consumer: QueueConsumer;

  constructor(
    @Inject(BrokerConnection) broker: BrokerConnection,
    @Inject(CallLogRepository) repository: CallLogRepository,
    @Inject(CRM_CONFIG) config: CrmConfig,
    @Inject(AUDIT_CONFIG) audit: AuditConfig,
    @Inject(ForgedEventAlarm) alarm: ForgedEventAlarm,
    @Inject(CallLogAlertTail) alertTail: CallLogAlertTail,
  ) {
    this.metrics = new CallIngestMetrics(alarm, () => alertTail.kick());
    this.consumer = new QueueConsumer(broker, {
      queue: names.auditCallQueue(config.namespace),
      prefetch: INGEST_PREFETCH,
      label: 'call',
      sink: new CallBatcher(repository, this.metrics, EventAuthenticator.fromConfig(config, audit), { maxBatch: INGEST_MAX_BATCH }),
    });
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    this.metrics.close();
  }
}
