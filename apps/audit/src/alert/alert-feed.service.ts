import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { BrokerConnection, QueueConsumer } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { EventBatcher, type IngestObserver } from '../ingest/event-batcher.js';
import { EventAuthenticator, type ForgedEventSummary } from '../ingest/event-authenticity.js';
import { feedParser, type FeedEvent } from './alert-feed.parser.js';
import { AlertEngine } from './alert-engine.js';
import { ForgedEventAlarm } from './forged-event.alarm.js';

export const ALERT_FEED_PREFETCH = 500;

/** Feed health on `GET /metrics` and in the log; failures are logged sparingly during an outage. */
class AlertFeedObserver implements IngestObserver {
  private readonly log = new Logger('AlertFeed');

  constructor(private readonly alarm: ForgedEventAlarm) {}

  private readonly events = ((register.getSingleMetric('crm_audit_alert_feed_events_total') as Counter<'result'> | undefined) ??
    new Counter({
      name: 'crm_audit_alert_feed_events_total',
      help: 'Alert-feed events applied to the alert rules, by result',
      labelNames: ['result'],
    })) as Counter<'result'>;

  flushed(applied: number): void {
    this.events.inc({ result: 'applied' }, applied);
  }

  rejected(reason: string): void {
    this.events.inc({ result: 'rejected' });
    this.log.warn({ msg: 'alert-feed event refused', reason });
  }

  forged(summary: ForgedEventSummary): void {
    this.events.inc({ result: 'forged' });
    this.alarm.report(summary);
  }

  flushFailed(error: unknown, attempt: number, retryInMs: number | null): void {
    if (attempt === 1 || attempt % 10 === 0 || retryInMs === null) {
      this.log.warn({
        msg: 'alert-feed batch not applied yet, kept unacknowledged',
        attempt,
        retryInMs,
        err: (error as Error).message?.slice(0, 200),
      });
    }
  }

  waiting(): void {}
}

/**
 * Consumes `<ns>.audit.alert-feed`, the alert rules' own copy of the call events (and of the
 * events that are alerts in themselves), so the rules never slow or endanger the call-log ingest.
 * Replicas compete for the queue; the state they share lives in the database.
 */
@Injectable()
export class AlertFeedService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: QueueConsumer;

  constructor(
    @Inject(BrokerConnection) broker: BrokerConnection,
    @Inject(AlertEngine) engine: AlertEngine,
    @Inject(CRM_CONFIG) config: CrmConfig,
    @Inject(AUDIT_CONFIG) audit: AuditConfig,
    @Inject(ForgedEventAlarm) alarm: ForgedEventAlarm,
  ) {
    const batcher = new EventBatcher<FeedEvent>(
      engine,
      new AlertFeedObserver(alarm),
      feedParser(EventAuthenticator.fromConfig(config, audit)),
      { batchSize: ALERT_FEED_PREFETCH, maxBatch: ALERT_FEED_PREFETCH, flushIntervalMs: 25 },
      'alert-feed event',
      'AlertFeedBatcher',
    );
    this.consumer = new QueueConsumer(broker, {
      queue: names.auditAlertFeedQueue(config.namespace),
      prefetch: ALERT_FEED_PREFETCH,
      label: 'alert-feed',
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
