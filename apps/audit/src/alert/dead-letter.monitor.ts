import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { BrokerConnection, deadQueues } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { AlertEngine } from './alert-engine.js';
import type { AlertTrigger } from './alert-rules.js';

/**
 * The dead-letters rule: a dead-letter queue at or above `threshold` messages raises (or adds to)
 * one alert per queue; critical once it reaches its bound, since new dead letters are then dropped
 * (`x-overflow: reject-publish`; their calls stay in the call log).
 */
export function deadLetterTrigger(queue: string, depth: number, threshold: number, bound: number, now: Date): AlertTrigger | null {
  if (depth < threshold) return null;
  const full = depth >= bound;
  return {
    rule: 'dead-letters',
    severity: full ? 'critical' : 'warning',
    subject: queue,
    title: full ? `dead-letter queue full: ${depth} messages, new dead letters are dropped` : `dead-letter queue filling: ${depth} of ${bound} messages`,
    details: { queue, depth, threshold, maxMessages: bound },
    occurrences: 1,
    at: now,
  };
}

/**
 * Every ALERT_INGEST_CHECK_SECONDS: the depth of each `<ns>.*.dead` queue (passive `checkQueue`).
 * Each replica checks; the open alert's unique key keeps it one alert per queue.
 */
@Injectable()
export class DeadLetterMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DeadLetterMonitor');
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    @Inject(BrokerConnection) private readonly broker: BrokerConnection,
    @Inject(AlertEngine) private readonly engine: AlertEngine,
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
      for (const { queue } of deadQueues(this.config.namespace)) {
        const { messageCount } = await this.broker.channel.checkQueue(queue);
        const trigger = deadLetterTrigger(queue, messageCount, this.audit.alerts.deadQueueDepth, this.config.messaging.deadQueue.maxMessages, now);
        if (trigger) triggers.push(trigger);
      }
      if (triggers.length > 0) await this.engine.raise(triggers);
    } catch (error) {
      this.log.warn({ msg: 'dead-letter check failed', err: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }
}
