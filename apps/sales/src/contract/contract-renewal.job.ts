import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CONTRACT_EXPIRED_V1, CONTRACT_RENEWAL_DUE_V1, formatMoney, money, type ContractRenewalDueData } from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { retryOnDeadlock } from '@crm/persistence';
import { systemContext } from '@crm/security';
import { SALES_CONFIG, type SalesConfig } from '../sales.config.js';
import type { ContractEntity } from './contract.entity.js';
import { toContractView } from './contract.mapper.js';
import { ContractRepository } from './contract.repository.js';
import { noticeCutoff, noticeDate, utcToday } from './contract-term.js';

/** Contracts claimed per transaction; a backlog drains over consecutive batches of one run. */
export const CONTRACT_BATCH = 100;
/** Who the operation log and the events name for what the schedule does. */
export const CONTRACT_SCHEDULE_CALLER = 'system:contract-schedule';

export function renewalDueData(c: ContractEntity, noticeDays: number): ContractRenewalDueData {
  return {
    contractId: c.id,
    contractNo: c.contractNo,
    name: c.name,
    accountId: c.accountId,
    ownerId: c.ownerId,
    startDate: c.startDate,
    endDate: c.endDate!,
    noticeDate: noticeDate(c.endDate!, noticeDays),
    noticeDays,
    termMonths: c.termMonths,
    currency: c.currency,
    value: formatMoney(money(c.value)),
    version: c.version,
  };
}

/**
 * Every `scheduleIntervalMs` (SALES_SCHEDULE_SECONDS): publishes `sales.contract.renewal-due.v1`
 * for active contracts ending within `renewalNoticeDays` (SALES_RENEWAL_NOTICE_DAYS), once per
 * contract term, and expires active contracts whose last day has passed.
 *
 * Safe with several sales replicas: each batch is one transaction that locks its candidates with
 * `FOR UPDATE SKIP LOCKED` (a replica skips the rows another holds instead of waiting), sets
 * `renewal_notice_at` with a conditional UPDATE (`… AND renewal_notice_at IS NULL`: a row some other
 * transaction marked since is left alone) and writes the event to the outbox in that same
 * transaction. The mark and the event therefore commit together or not at all: no notice is lost
 * to a crash and none is sent twice. Renewal makes a new contract row, so each term gets its own.
 */
@Injectable()
export class ContractRenewalJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ContractSchedule');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(ContractRepository) private readonly contracts: ContractRepository,
    @Inject(SALES_CONFIG) private readonly config: SalesConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.scheduleIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One run at a time per process; a tick that finds one running is skipped. */
  tick(): Promise<void> {
    this.running ??= this.run()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ msg: 'contract schedule failed', err: (error as Error).message }))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Notices then expiries as of `now`; answers how many of each this process sent. */
  async run(now = new Date()): Promise<{ noticed: number; expired: number }> {
    const today = utcToday(now);
    let noticed = 0;
    let expired = 0;
    for (;;) {
      const n = await retryOnDeadlock(() => this.noticeBatch(today));
      noticed += n.sent;
      if (n.claimed < CONTRACT_BATCH || n.sent === 0) break;
    }
    for (;;) {
      const n = await retryOnDeadlock(() => this.expiryBatch(today));
      expired += n.sent;
      if (n.claimed < CONTRACT_BATCH || n.sent === 0) break;
    }
    return { noticed, expired };
  }

  private noticeBatch(today: string): Promise<{ claimed: number; sent: number }> {
    const days = this.config.renewalNoticeDays;
    return this.dataSource.transaction(async (m) => {
      const due = await this.contracts.claimRenewalDue(m, today, noticeCutoff(today, days), CONTRACT_BATCH);
      let sent = 0;
      for (const c of due) {
        if (!(await this.contracts.markNoticed(m, c.id))) continue;
        const data = renewalDueData(c, days);
        await this.changes.record(m, systemContext(CONTRACT_SCHEDULE_CALLER), {
          entity: 'contract',
          entityId: c.id,
          action: 'renewal-due',
          before: { renewalNotice: null },
          after: { renewalNotice: data.noticeDate },
          event: { pattern: CONTRACT_RENEWAL_DUE_V1, data },
        });
        sent += 1;
      }
      if (sent) this.log.log({ msg: 'contract renewal notices', count: sent, cutoff: noticeCutoff(today, days) });
      return { claimed: due.length, sent };
    });
  }

  private expiryBatch(today: string): Promise<{ claimed: number; sent: number }> {
    return this.dataSource.transaction(async (m) => {
      const ended = await this.contracts.claimExpired(m, today, CONTRACT_BATCH);
      let sent = 0;
      for (const c of ended) {
        if (!(await this.contracts.markExpired(m, c.id, c.version))) continue;
        const after = await this.contracts.reload(m, c.id);
        await this.changes.record(m, systemContext(CONTRACT_SCHEDULE_CALLER), {
          entity: 'contract',
          entityId: c.id,
          action: 'expire',
          before: { status: c.status },
          after: { status: after.status },
          event: { pattern: CONTRACT_EXPIRED_V1, data: toContractView(after, await this.contracts.lines([c.id], m)) },
        });
        sent += 1;
      }
      return { claimed: ended.length, sent };
    });
  }
}
