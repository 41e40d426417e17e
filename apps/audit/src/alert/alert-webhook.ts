import { Logger } from '@nestjs/common';
import { ALERT_RAISED_V1, type AlertRaisedData } from '@crm/contracts';

/**
 * POSTs a raised alert as JSON to `AUDIT_ALERT_WEBHOOK_URL`, with a timeout. Logs never name the
 * URL (it may carry a token) and the body carries only the alert (no secrets are ever in one).
 */
export class AlertWebhook {
  private readonly log = new Logger('AlertWebhook');

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async deliver(alert: AlertRaisedData, eventId: string, occurredAt: Date): Promise<boolean> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'crm-audit-alerts' },
        body: JSON.stringify({ pattern: ALERT_RAISED_V1, data: { ...alert, eventId, occurredAt: occurredAt.toISOString() } }),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) return true;
      this.log.warn({ msg: 'alert webhook answered an error', alertId: alert.alertId, status: res.status });
      return false;
    } catch (error) {
      this.log.warn({ msg: 'alert webhook unreachable', alertId: alert.alertId, err: (error as Error).name });
      return false;
    }
  }
}

/** Backoff between webhook attempts: 2 s, 4 s, 8 s … up to 5 minutes. */
export function webhookBackoffMs(attempt: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(1, attempt));
}
