import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CrmError } from '@crm/contracts';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { CHAIN_LOGS } from '../integrity/chain-logs.js';
import { PurgeService } from './purge.service.js';

const DAY_MS = 86_400_000;

/**
 * The retention policy (AUDIT_RETENTION_DAYS, 0 = keep forever): purges rows older than that on
 * every maintenance tick, never forced, so rows no backup holds stay until one does. Several
 * replicas may tick at once; the purge lock lets one through.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Retention');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(PurgeService) private readonly purges: PurgeService,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.auditData.retentionDays === 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.auditData.maintenanceIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<void> {
    const before = new Date(Date.now() - this.config.auditData.retentionDays * DAY_MS);
    for (const log of CHAIN_LOGS) {
      try {
        await this.purges.purge({ log, before, force: false }, { employeeId: 'system:retention', permissions: [] }, null, true);
      } catch (error) {
        const message = error instanceof CrmError ? error.message : (error as Error).message;
        this.log.warn({ msg: 'retention purge not done', log, before: before.toISOString(), reason: message });
      }
    }
  }
}
