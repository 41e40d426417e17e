import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SERVICE_CASE_SLA_BREACHED_V1, SERVICE_CASE_SLA_WARNING_V1, type CaseSlaEventData, type SlaPriority } from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { retryOnDeadlock } from '@crm/persistence';
import { systemContext } from '@crm/security';
import { SERVICE_CONFIG, type ServiceConfig } from '../service.config.js';
import { CaseSlaRepository } from './case-sla.repository.js';
import { fireDue, type ClockState, type Marker } from './sla-clock-state.js';

/** Clocks claimed per transaction; a backlog drains over consecutive batches of one run. */
export const SLA_BATCH = 200;
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
 * the clocks whose `next_due_at` has come with `FOR UPDATE SKIP LOCKED` (replicas skip each other's
 * rows instead of waiting), marks the markers sent with a conditional UPDATE on the row's `version`,
 * and writes the events to the outbox (`ChangeRecorder`, with the operation-log entry) in that same
 * transaction. Mark and event commit together or not at all; a replica that was down when a moment
 * passed finds the row still due when it (or another) runs next.
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('SlaScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: Pick<DataSource, 'transaction'>,
    @Inject(ChangeRecorder) private readonly changes: Pick<ChangeRecorder, 'record'>,
    @Inject(CaseSlaRepository) private readonly clocks: Pick<CaseSlaRepository, 'claimDue' | 'save' | 'caseNos'>,
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

  /** Fires everything due at `now`, batch after batch; answers how many events this process wrote. */
  async run(now = new Date()): Promise<number> {
    let sent = 0;
    while (!this.stopped) {
      const batch = await retryOnDeadlock(() => this.dataSource.transaction((m) => this.batch(m, now)));
      sent += batch.sent;
      if (batch.claimed < SLA_BATCH) break;
    }
    return sent;
  }

  /** One claim: the due clocks, their markers marked sent and their events written, in `m`'s transaction. */
  async batch(m: EntityManager, now: Date): Promise<{ claimed: number; sent: number }> {
    const due = await this.clocks.claimDue(m, now, SLA_BATCH);
    const missing = due.filter((s) => s.caseNo === null).map((s) => s.caseId);
    const caseNos = missing.length ? await this.caseNos(m, missing) : new Map<string, string>();
    let sent = 0;
    for (const before of due) {
      const { state, fired } = fireDue({ ...before, caseNo: before.caseNo ?? caseNos.get(before.caseId) ?? null }, now);
      if (!(await this.clocks.save(m, state))) continue;
      for (const marker of fired) {
        const sentField = `${marker.target}${marker.kind === 'warning' ? 'WarningSentAt' : 'BreachedSentAt'}`;
        await this.changes.record(m, systemContext(SLA_SCHEDULER_CALLER), {
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
        sent += 1;
      }
    }
    return { claimed: due.length, sent };
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
