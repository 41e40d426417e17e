import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SERVICE_CASE_SLA_BREACHED_V1, SERVICE_CASE_SLA_WARNING_V1, type CaseSlaEventData, type SlaPriority } from '@crm/contracts';
import { ChangeRecorder, type Change } from '@crm/outbox';
import { retryOnDeadlock } from '@crm/persistence';
import { systemContext } from '@crm/security';
import { SERVICE_CONFIG, type ServiceConfig } from '../service.config.js';
import { CaseSlaRepository } from './case-sla.repository.js';
import { fireDue, type ClockState, type Marker } from './sla-clock-state.js';

/** Clocks claimed per transaction; a backlog drains over consecutive batches of one run. */
export const SLA_BATCH = 500;
/** Who the operation log and the events name for what the scheduler does. */
export const SLA_SCHEDULER_CALLER = 'system:sla-scheduler';

export function slaEventData(s: ClockState, m: Marker): CaseSlaEventData {
  return {
    caseId: s.caseId,
    caseNo: s.caseNo,
    target: m.target,
    dueAt: s[m.target].dueAt.toISOString(),
    thresholdAt: m.at.toISOString(),
    priority: s.priority as SlaPriority,
    category: s.category,
    accountId: s.accountId,
    slaPolicyId: s.slaPolicyId,
  };
}

/**
 * Publishes `service.case.sla-warning.v1` and `service.case.sla-breached.v1` once per target and
 * case, every `slaTickMs` (SERVICE_SLA_TICK_MS).
 *
 * Safe with several replicas and across restarts: each batch is one short transaction that claims
 * up to `SLA_BATCH` clocks whose `next_due_at` has come with `FOR UPDATE SKIP LOCKED` (replicas skip
 * each other's rows instead of waiting), marks their markers sent with one set-based UPDATE
 * (conditional on each row's `version`), and writes all their events to the outbox
 * (`ChangeRecorder.recordMany`: one multi-row INSERT with the operation-log entries) in that same
 * transaction. Mark and event commit together or not at all; a replica that was down when a moment
 * passed finds the row still due when it (or another) runs next. Full batches run back to back.
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('SlaScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: Pick<DataSource, 'transaction'>,
    @Inject(ChangeRecorder) private readonly changes: Pick<ChangeRecorder, 'recordMany'>,
    @Inject(CaseSlaRepository) private readonly clocks: Pick<CaseSlaRepository, 'claimDue' | 'markFired' | 'caseNos'>,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, 'slaTickMs'>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.slaTickMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One run at a time per process; a tick that finds one running is skipped. */
  tick(): Promise<number> {
    this.running ??= this.run()
      .catch((error: unknown) => {
        this.log.error({ msg: 'SLA scheduler run failed', err: (error as Error).message });
        return 0;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Fires everything due, batch after batch back to back while full batches come back; answers how
   * many events this process wrote. Each batch looks at the time it starts (or at `now`, fixed,
   * when given), so what comes due during a long run is taken in the same run.
   */
  async run(now?: Date): Promise<number> {
    let sent = 0;
    while (!this.stopped) {
      const at = now ?? new Date();
      const batch = await retryOnDeadlock(() => this.dataSource.transaction((m) => this.batch(m, at)));
      sent += batch.sent;
      if (batch.claimed < SLA_BATCH) break;
    }
    return sent;
  }

  /**
   * One claim, in `m`'s transaction and in three statements whatever its size (four when case
   * numbers are missing): the due clocks locked, their markers marked sent with one set-based
   * UPDATE, and all their events with their operation-log entries through `ChangeRecorder.recordMany`
   * (one multi-row outbox INSERT).
   */
  async batch(m: EntityManager, now: Date): Promise<{ claimed: number; sent: number }> {
    const due = await this.clocks.claimDue(m, now, SLA_BATCH);
    const missing = due.filter((s) => s.caseNo === null).map((s) => s.caseId);
    const caseNos = missing.length ? await this.caseNos(m, missing) : new Map<string, string>();
    const fired = due
      .map((before) => ({ before, ...fireDue({ ...before, caseNo: before.caseNo ?? caseNos.get(before.caseId) ?? null }, now) }))
      .filter((f) => f.fired.length > 0);
    if (!fired.length) return { claimed: due.length, sent: 0 };
    const marked = await this.clocks.markFired(
      m,
      fired.map((f) => f.state),
    );
    // The claim holds these rows, so every one is written; if not, nothing of the batch may commit
    // (no event without its mark): roll it back, and the next run claims the rows as they are then.
    if (marked !== fired.length) throw new Error(`SLA batch: ${marked} of ${fired.length} clocks marked, the batch is rolled back`);
    const changes: Change[] = [];
    for (const { before, state, fired: markers } of fired)
      for (const marker of markers) {
        const sentField = `${marker.target}${marker.kind === 'warning' ? 'WarningSentAt' : 'BreachedSentAt'}`;
        changes.push({
          entity: 'case',
          entityId: state.caseId,
          action: marker.kind === 'warning' ? 'sla-warning' : 'sla-breach',
          before: { slaState: before.slaState, [sentField]: null },
          after: { slaState: state.slaState, [sentField]: now.toISOString() },
          event: {
            pattern: marker.kind === 'warning' ? SERVICE_CASE_SLA_WARNING_V1 : SERVICE_CASE_SLA_BREACHED_V1,
            data: slaEventData(state, marker),
          },
        });
      }
    await this.changes.recordMany(m, systemContext(SLA_SCHEDULER_CALLER), changes);
    return { claimed: due.length, sent: changes.length };
  }

  /** `service_case.case_no` for clocks started without one; none while the case table is absent. */
  private async caseNos(m: EntityManager, caseIds: string[]): Promise<Map<string, string>> {
    try {
      return await this.clocks.caseNos(m, caseIds);
    } catch (error) {
      if ((error as { code?: string }).code === 'ER_NO_SUCH_TABLE') return new Map();
      throw error;
    }
  }
}
