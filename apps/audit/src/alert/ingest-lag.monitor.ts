import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { register, type Gauge } from 'prom-client';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { BrokerConnection } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AlertConfig, type AuditConfig } from '../audit.config.js';
import { AlertEngine } from './alert-engine.js';
import { AlertRepository } from './alert.repository.js';
import type { AlertTrigger } from './alert-rules.js';

/** The call ingest's gauge (age of the oldest event of the last stored batch), read, not owned. */
const INGEST_LAG_GAUGE = 'crm_audit_ingest_lag_seconds';

/** The ingestion-lag rule: either bound exceeded raises (or adds to) one alert per queue. */
export function ingestLagTrigger(queue: string, depth: number, lagMs: number, c: Pick<AlertConfig, 'ingestQueueDepth' | 'ingestLagMs'>, now: Date): AlertTrigger | null {
  const deep = depth >= c.ingestQueueDepth;
  const late = lagMs >= c.ingestLagMs;
  if (!deep && !late) return null;
  return {
    rule: 'ingest-lag',
    severity: 'critical',
    subject: queue,
    title: `audit ingestion behind: ${depth} call events waiting, last stored ${Math.round(lagMs / 1000)} s after the call`,
    details: { queue, depth, lagSeconds: Math.round(lagMs / 100) / 10, maxDepth: c.ingestQueueDepth, maxLagSeconds: c.ingestLagMs / 1000 },
    occurrences: 1,
    at: now,
  };
}

/**
 * Every few seconds: the depth of `<ns>.audit.calls` and the ingest's event age against their
 * bounds; also prunes window counters older than every window. Each replica checks; the open
 * alert's unique key keeps it one alert.
 */
@Injectable()
export class IngestLagMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('IngestLagMonitor');
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
      const queue = names.auditCallQueue(this.config.namespace);
      const { messageCount } = await this.broker.channel.checkQueue(queue);
      const trigger = ingestLagTrigger(queue, messageCount, await this.ingestLagMs(), this.audit.alerts, new Date());
      if (trigger) await this.engine.raise([trigger]);
      await this.prune();
    } catch (error) {
      this.log.warn({ msg: 'ingestion-lag check failed', err: (error as Error).message });
    } finally {
      this.busy = false;
    }
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
