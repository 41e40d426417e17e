import { Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram, register } from 'prom-client';
import type { IngestObserver } from '../ingest/event-batcher.js';
import type { ForgedEventSink, ForgedEventSummary } from '../ingest/event-authenticity.js';

function metric<T>(name: string, create: () => T): T {
  // Several app instances may share one process (tests); prom-client's registry is global.
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * Ingest health on `GET /metrics`, plus a summary log line every `summaryEveryMs` while events
 * flow. `crm_audit_ingest_lag_seconds` is what the ingestion-lag alert (SPEC §4.3) watches.
 */
export class CallIngestMetrics implements IngestObserver {
  private readonly log = new Logger('CallIngest');
  private readonly events = metric(
    'crm_audit_ingest_events_total',
    () =>
      new Counter({
        name: 'crm_audit_ingest_events_total',
        help: 'Call events consumed, by result (stored, duplicate, rejected, forged)',
        labelNames: ['result'],
      }),
  ) as Counter<'result'>;
  private readonly failures = metric(
    'crm_audit_ingest_flush_failures_total',
    () => new Counter({ name: 'crm_audit_ingest_flush_failures_total', help: 'Batch inserts that failed and will be retried' }),
  );
  private readonly flushSeconds = metric(
    'crm_audit_ingest_flush_seconds',
    () =>
      new Histogram({
        name: 'crm_audit_ingest_flush_seconds',
        help: 'Time to commit one batch of call events',
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      }),
  );
  private readonly lag = metric(
    'crm_audit_ingest_lag_seconds',
    () => new Gauge({ name: 'crm_audit_ingest_lag_seconds', help: 'Age of the oldest call event in the last committed batch' }),
  );
  private readonly waitingGauge = metric(
    'crm_audit_ingest_waiting',
    () => new Gauge({ name: 'crm_audit_ingest_waiting', help: 'Call events received and not yet committed' }),
  );
  private window = { stored: 0, duplicates: 0, rejected: 0, forged: 0, batches: 0, maxLagMs: 0 };
  private readonly timer: NodeJS.Timeout;

  /** `onStored` runs after each batch that stored new calls (it wakes the alert rules' tail of the log). */
  constructor(
    private readonly alarm: ForgedEventSink,
    private readonly onStored: () => void = () => undefined,
    summaryEveryMs = 10_000,
  ) {
    this.timer = setInterval(() => this.summary(), summaryEveryMs);
    this.timer.unref();
  }

  flushed(stored: number, duplicates: number, seconds: number, oldestAt: Date): void {
    const lagMs = Math.max(0, Date.now() - oldestAt.getTime());
    this.events.inc({ result: 'stored' }, stored);
    if (duplicates > 0) this.events.inc({ result: 'duplicate' }, duplicates);
    this.flushSeconds.observe(seconds);
    this.lag.set(lagMs / 1000);
    this.window.stored += stored;
    this.window.duplicates += duplicates;
    this.window.batches += 1;
    this.window.maxLagMs = Math.max(this.window.maxLagMs, lagMs);
    if (stored > 0) this.onStored();
  }

  rejected(): void {
    this.events.inc({ result: 'rejected' });
    this.window.rejected += 1;
  }

  forged(summary: ForgedEventSummary): void {
    this.events.inc({ result: 'forged' });
    this.window.forged += 1;
    this.alarm.report(summary);
  }

  flushFailed(error: unknown, attempt: number, retryInMs: number | null): void {
    this.failures.inc();
    const e = error as { code?: string; message?: string };
    // The first failure and then every tenth: a database outage must not flood the log.
    if (attempt === 1 || attempt % 10 === 0 || retryInMs === null) {
      this.log.warn({
        msg: 'call events not stored yet, kept unacknowledged',
        attempt,
        retryInMs,
        code: e.code,
        err: e.message?.slice(0, 200),
      });
    }
  }

  waiting(count: number): void {
    this.waitingGauge.set(count);
  }

  close(): void {
    clearInterval(this.timer);
    this.summary();
  }

  private summary(): void {
    const w = this.window;
    if (w.batches === 0 && w.rejected === 0 && w.forged === 0) return;
    this.log.log({ msg: 'call ingest', ...w });
    this.window = { stored: 0, duplicates: 0, rejected: 0, forged: 0, batches: 0, maxLagMs: 0 };
  }
}
