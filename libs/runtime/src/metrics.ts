import { Counter, Histogram, collectDefaultMetrics, register } from 'prom-client';
import type { CallObserver } from '@crm/messaging';

let defaultsCollected = false;

/** Prometheus metrics for calls handled by this process (`GET /metrics`). */
export class CallMetrics implements CallObserver {
  private readonly calls: Counter<'pattern' | 'code'>;
  private readonly duration: Histogram<'pattern'>;

  constructor(app: string) {
    if (!defaultsCollected) {
      collectDefaultMetrics({ labels: { app } });
      defaultsCollected = true;
    }
    this.calls =
      (register.getSingleMetric('crm_calls_total') as Counter<'pattern' | 'code'> | undefined) ??
      new Counter({ name: 'crm_calls_total', help: 'Inbound calls by pattern and result code', labelNames: ['pattern', 'code'] });
    this.duration =
      (register.getSingleMetric('crm_call_duration_seconds') as Histogram<'pattern'> | undefined) ??
      new Histogram({
        name: 'crm_call_duration_seconds',
        help: 'Inbound call handling time (before the call event is published)',
        labelNames: ['pattern'],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      });
  }

  observe(pattern: string, code: number, seconds: number): void {
    this.calls.inc({ pattern, code: String(code) });
    this.duration.observe({ pattern }, seconds);
  }
}

export const metricsRegistry = register;
