import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { retryOnDeadlock } from '@crm/persistence';
import { MARKETING_CONFIG, type MarketingConfig } from '../marketing.config.js';
import { scoreLead } from './scoring.engine.js';
import { RescoreRepository, type ScoreChange } from './rescore.repository.js';
import { ScoringRuleRepository, type RescoreJobRow } from './scoring-rule.repository.js';
import { ScoringService } from './scoring.service.js';
import { toRuleDef } from './scoring-rule.mapper.js';

const POLL_MS = 1000;
/** A job whose holder has not saved a batch for this long is taken over by another replica. */
const LEASE_MS = 30_000;

class LostJob extends Error {}

/**
 * Re-scores the open leads after a rule change, in the background of every replica: each polls
 * for an unfinished job whose lease is free and claims it with one conditional UPDATE, so one
 * replica works a job at a time. It walks the open leads in id order, `rescoreBatchSize` per
 * transaction; each batch commits its score changes together with the job's keyset position,
 * counters and a renewed lease, so progress is exact, visible at once and survives a crash (the
 * next holder continues after the last committed batch). Batches are short READ COMMITTED
 * transactions, so captures keep being answered meanwhile.
 */
@Injectable()
export class RescoreWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Rescore');
  private readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ScoringRuleRepository) private readonly jobs: ScoringRuleRepository,
    @Inject(RescoreRepository) private readonly leads: RescoreRepository,
    @Inject(MARKETING_CONFIG) private readonly config: MarketingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Looks for work now (after a local rule change) instead of at the next poll. */
  tick(): Promise<void> {
    this.running ??= this.run()
      .catch((error: unknown) => this.log.warn({ msg: 're-scoring paused; retried at the next poll', reason: (error as Error).message }))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const id = await this.jobs.claimable();
      if (!id) return;
      const job = await this.jobs.claim(id, this.worker, LEASE_MS);
      if (!job) return; // another replica took it
      await this.work(job);
    }
  }

  private async work(job: RescoreJobRow): Promise<void> {
    const started = Date.now();
    if (job.total === null) await this.jobs.setTotal(job.id, this.worker, await this.leads.countOpen());
    let after = job.afterId ?? '';
    while (!this.stopping) {
      let next: string | null;
      try {
        next = await retryOnDeadlock(() => this.batch(job.id, after));
      } catch (error) {
        if (error instanceof LostJob) return;
        throw error;
      }
      if (next === null) {
        if (await this.jobs.finish(job.id, this.worker)) this.log.log({ msg: 're-scoring done', jobId: job.id, ms: Date.now() - started });
        return;
      }
      after = next;
    }
  }

  /** One batch in its own transaction; the new keyset position, or null when no open lead is left. */
  private batch(jobId: string, after: string): Promise<string | null> {
    return this.dataSource.transaction('READ COMMITTED', async (m) => {
      const rules = (await this.jobs.enabled(m)).map(toRuleDef);
      const leads = await this.leads.openBatch(m, after, this.config.rescoreBatchSize);
      if (leads.length === 0) return null;
      const touches = ScoringService.countsTouches(rules)
        ? await this.leads.touchCounts(
            m,
            leads.map((l) => l.id),
          )
        : new Map();
      const changes: ScoreChange[] = [];
      for (const lead of leads) {
        const s = scoreLead(lead, touches.get(lead.id) ?? [], rules);
        if (s.score !== lead.score || JSON.stringify(s.reasons) !== normalisedJson(lead.reasonsJson)) changes.push({ id: lead.id, ...s });
      }
      await this.leads.updateScores(m, changes);
      const last = leads[leads.length - 1]!.id;
      if (!(await this.jobs.progress(m, jobId, this.worker, last, leads.length, changes.length, LEASE_MS))) throw new LostJob();
      return last;
    });
  }
}

/** Stored JSON re-serialised the way `JSON.stringify` writes it (MariaDB keeps the text as written, but be safe). */
function normalisedJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
