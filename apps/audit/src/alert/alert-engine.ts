import { Inject, Injectable, Logger } from '@nestjs/common';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import type { EventStore } from '../ingest/event-batcher.js';
import type { FeedEvent } from './alert-feed.parser.js';
import { evaluateWindows, planBatch } from './alert-planner.js';
import { AlertPublisher } from './alert-publisher.js';
import { AlertRepository, type AlertBatchTx } from './alert.repository.js';
import { counterSpecs, type AlertTrigger, type CounterName, type CounterSpec } from './alert-rules.js';

/**
 * Applies the rules to a batch of events in one transaction: counters added, windows read, alerts
 * raised or absorbed. The feed consumer acknowledges its batch only after this commits, and the
 * call-log tail moves its cursor in the same transaction; publishing happens afterwards, from the
 * stored pending marker.
 */
@Injectable()
export class AlertEngine implements EventStore<FeedEvent> {
  private readonly log = new Logger('AlertEngine');
  readonly specs: Record<CounterName, CounterSpec>;

  constructor(
    @Inject(AlertRepository) private readonly repository: AlertRepository,
    @Inject(AlertPublisher) private readonly publisher: AlertPublisher,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {
    this.specs = counterSpecs(config.alerts);
  }

  /** The batcher's store: "inserted" means "applied"; the return value only feeds its metrics. */
  async insertIgnore(events: readonly FeedEvent[]): Promise<number> {
    const raised = await this.repository.transaction((tx) => this.applyIn(tx, events));
    this.announce(raised);
    return events.length;
  }

  /**
   * Applies the rules to `events` inside the caller's transaction (the call-log tail moves its
   * cursor in the same one); returns the ids of the alerts raised, for `announce` after the commit.
   */
  async applyIn(tx: AlertBatchTx, events: readonly FeedEvent[]): Promise<string[]> {
    const plan = planBatch(events, this.config.alerts, this.specs);
    if (plan.increments.length === 0 && plan.triggers.length === 0) return [];
    await tx.addCounters(plan.increments);
    const sums = await tx.readWindows(plan.touched);
    const triggers = [...plan.triggers, ...evaluateWindows(plan.touched, sums, this.config.alerts)];
    return this.apply(triggers, (t, now) => tx.upsertAlert(t, now, this.config.alerts.webhookUrl !== null));
  }

  /** After the commit: wakes the publisher for the alerts just raised (their markers are stored). */
  announce(raised: readonly string[]): void {
    if (raised.length > 0) this.publisher.kick();
  }

  /** Raises (or absorbs) triggers that do not come from the feed, e.g. the ingestion-lag check. */
  async raise(triggers: readonly AlertTrigger[]): Promise<void> {
    const raised = await this.repository.transaction((tx) =>
      this.apply(triggers, (t, now) => tx.upsertAlert(t, now, this.config.alerts.webhookUrl !== null)),
    );
    this.announce(raised);
  }

  private async apply(
    triggers: readonly AlertTrigger[],
    upsert: (t: AlertTrigger, now: Date) => Promise<{ id: string; created: boolean }>,
  ): Promise<string[]> {
    const raised: string[] = [];
    const now = new Date();
    // One statement per trigger, in a stable order so that two replicas lock alert rows alike.
    const ordered = [...triggers].sort((a, b) => (a.rule + a.subject < b.rule + b.subject ? -1 : 1));
    for (const t of merge(ordered)) {
      const { id, created } = await upsert(t, now);
      if (created) {
        raised.push(id);
        this.log.warn({ msg: 'alert raised', alertId: id, rule: t.rule, severity: t.severity, subject: t.subject });
      }
    }
    return raised;
  }
}

/** Triggers of the same rule and subject in one batch become one upsert (occurrences summed). */
export function merge(triggers: readonly AlertTrigger[]): AlertTrigger[] {
  const byKey = new Map<string, AlertTrigger>();
  for (const t of triggers) {
    const key = `${t.rule}|${t.subject}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...t, firstAt: t.firstAt ?? t.at });
    else {
      seen.occurrences += t.occurrences;
      if (t.at < seen.firstAt!) seen.firstAt = t.at;
      if (t.at > seen.at) {
        seen.at = t.at;
        seen.details = t.details;
        seen.title = t.title;
      }
    }
  }
  return [...byKey.values()];
}
