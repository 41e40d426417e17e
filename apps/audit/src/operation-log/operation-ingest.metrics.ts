import { Logger } from '@nestjs/common';
import { Counter, Gauge, register } from 'prom-client';
import type { IngestObserver } from '../ingest/event-batcher.js';
import type { ForgedEventSink, ForgedEventSummary } from '../ingest/event-authenticity.js';

function metric<T>(name: string, create: () => T): T {
  // Several app instances may share one process (tests); prom-client's registry is global.
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Operation-log ingest health on `GET /metrics` (the call log has its own, busier set). */
export class OperationIngestMetrics implements IngestObserver {
  private readonly log = new Logger('OperationIngest');

  constructor(private readonly alarm: ForgedEventSink) {}

  private readonly events = metric(
    'crm_audit_operation_ingest_events_total',
    () =>
      new Counter({
        name: 'crm_audit_operation_ingest_events_total',
        help: 'Operation events consumed, by result (stored, duplicate, rejected, forged)',
        labelNames: ['result'],
      }),
  ) as Counter<'result'>;
  private readonly lag = metric(
    'crm_audit_operation_ingest_lag_seconds',
    () =>
      new Gauge({ name: 'crm_audit_operation_ingest_lag_seconds', help: 'Age of the oldest operation event in the last committed batch' }),
  );
  private readonly waitingGauge = metric(
    'crm_audit_operation_ingest_waiting',
    () => new Gauge({ name: 'crm_audit_operation_ingest_waiting', help: 'Operation events received and not yet committed' }),
  );

  flushed(stored: number, duplicates: number, _seconds: number, oldestAt: Date): void {
    this.events.inc({ result: 'stored' }, stored);
    if (duplicates > 0) this.events.inc({ result: 'duplicate' }, duplicates);
    this.lag.set(Math.max(0, Date.now() - oldestAt.getTime()) / 1000);
  }

  rejected(): void {
    this.events.inc({ result: 'rejected' });
  }

  forged(summary: ForgedEventSummary): void {
    this.events.inc({ result: 'forged' });
    this.alarm.report(summary);
  }

  flushFailed(error: unknown, attempt: number, retryInMs: number | null): void {
    const e = error as { code?: string; message?: string };
    if (attempt === 1 || attempt % 10 === 0 || retryInMs === null) {
      this.log.warn({
        msg: 'operation events not stored yet, kept unacknowledged',
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
}
