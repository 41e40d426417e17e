import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { register, type Gauge } from 'prom-client';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { BrokerConnection, deadQueues } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { AlertEngine } from './alert-engine.js';
import { AlertRepository } from './alert.repository.js';
import type { AlertTrigger } from './alert-rules.js';
import { deadLetterTrigger, ingestLagTrigger } from './queue-rules.js';

/** The call ingest's gauge (age of the oldest event of the last stored batch), read, not owned. */
const INGEST_LAG_GAUGE = 'crm_audit_ingest_lag_seconds';

/**
 * Every ALERT_INGEST_CHECK_SECONDS, the broker queues audit watches (passive `checkQueue`): the
 * depth of `<ns>.audit.calls` and the ingest's event age (ingest-lag), and the depth of each
 * `<ns>.*.dead` queue (dead-letters); then prunes window counters older than every window. Each
 * replica checks; the open alert's unique key keeps it one alert per queue.
 */
@Injectable()
export class QueueMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('QueueMonitor');
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    @Inject(BrokerConnection) private readonly broker: BrokerConnection,
    @Inject(AlertEngine) private readonly engine: AlertEngine,
    @Inject(AlertRepository) private readonly repository: AlertRepository,
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
    @Inject(AUDIT_CONFIG) private readonly audit: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.audit.alerts.lagCheckMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = new Date();
      const triggers: AlertTrigger[] = [];
      const calls = names.auditCallQueue(this.config.namespace);
      const lag = ingestLagTrigger(calls, await this.depth(calls), await this.ingestLagMs(), this.audit.alerts, now);
      if (lag) triggers.push(lag);
      for (const { queue } of deadQueues(this.config.namespace)) {
        const dead = deadLetterTrigger(
          queue,
          await this.depth(queue),
          this.audit.alerts.deadQueueDepth,
          this.config.messaging.deadQueue.maxMessages,
          now,
        );
        if (dead) triggers.push(dead);
      }
      if (triggers.length > 0) await this.engine.raise(triggers);
      await this.prune();
    } catch (error) {
      this.log.warn({ msg: 'queue check failed', err: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }

  private async depth(queue: string): Promise<number> {
    return (await this.broker.channel.checkQueue(queue)).messageCount;
  }

  private async ingestLagMs(): Promise<number> {
    const gauge = register.getSingleMetric(INGEST_LAG_GAUGE) as Gauge | undefined;
    const value = (await gauge?.get())?.values[0]?.value ?? 0;
    return value * 1000;
  }

  private async prune(): Promise<void> {
    for (const [counter, spec] of Object.entries(this.engine.specs)) {
      // Two windows back: late events of a slow batch still find their slots.
      const before = Math.floor((Date.now() - 2 * spec.windowMs) / spec.stepMs);
      await this.repository.pruneCounters(counter, before);
    }
  }
}
