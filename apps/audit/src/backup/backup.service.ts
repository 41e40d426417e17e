import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { CRM_CONFIG } from '@crm/runtime';
import type { Operator } from '@crm/security';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import type { ChainLog } from '../integrity/chain-logs.js';
import { logEntity } from '../integrity/integrity.service.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import type { BackupItem } from './backup-manifest.js';
import { BackupRunner, type BackupOutcome } from './backup-runner.js';

const SCHEDULER: Operator = { employeeId: 'system:backup', permissions: [] };

/** Backups for operators (run now, list) and on schedule (AUDIT_BACKUP_DIR, AUDIT_BACKUP_PERIOD). */
@Injectable()
export class BackupService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Backup');
  private readonly runner: BackupRunner;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(getDataSourceToken()) dataSource: DataSource,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
    @Inject(CRM_CONFIG) config: CrmConfig,
    @Inject(AUDIT_CONFIG) private readonly audit: AuditConfig,
  ) {
    this.runner = new BackupRunner(dataSource, audit.auditData, names.database(config.namespace, 'audit'));
  }

  onApplicationBootstrap(): void {
    if (!this.audit.auditData.backupDir) return;
    const interval = this.audit.auditData.maintenanceIntervalMs;
    // First pass soon after start (catch up on periods completed while down), then every interval.
    this.timer = setTimeout(
      () => {
        void this.tick();
        this.timer = setInterval(() => void this.tick(), interval);
        this.timer.unref();
      },
      Math.min(interval, 2000),
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    this.running ??= this.runSchedule().finally(() => (this.running = null));
    return this.running;
  }

  private async runSchedule(): Promise<void> {
    try {
      const outcomes = await this.runner.runScheduled(SCHEDULER.employeeId);
      for (const o of outcomes) await this.recorded(SCHEDULER, o);
    } catch (error) {
      this.log.warn({ msg: 'scheduled backup failed; retried on the next tick', err: (error as Error).message });
    }
  }

  async runNow(log: ChainLog, from: Date | null, to: Date | null, operator: Operator): Promise<BackupItem> {
    return (await this.recorded(operator, await this.runner.runManual(log, from, to, operator.employeeId))).item;
  }

  list(log?: ChainLog): Promise<BackupItem[]> {
    return this.runner.list(log);
  }

  private async recorded(operator: Operator, o: BackupOutcome): Promise<BackupOutcome> {
    const m = o.manifest;
    await this.actions.record(operator, {
      entity: logEntity(o.log),
      entityId: `backup ${m.id}`,
      action: 'backup',
      details: {
        kind: m.kind,
        period: m.period?.start ?? null,
        rows: m.rows,
        firstSeq: m.firstSeq,
        lastSeq: m.lastSeq,
        file: o.item.file,
        sha256: m.sha256,
      },
    });
    this.log.log({ msg: 'backup written', log: o.log, kind: m.kind, rows: m.rows, file: o.item.file, by: operator.employeeId });
    return o;
  }
}
