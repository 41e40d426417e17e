import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ALERT_RAISED_V1 } from '@crm/contracts';
import { EventPublisher } from '@crm/messaging';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { toAlertRaised } from './alert.mapper.js';
import { AlertRepository } from './alert.repository.js';
import { AlertWebhook, webhookBackoffMs } from './alert-webhook.js';

/** How long a claimed alert stays with the replica that claimed it before another may retry it. */
const PUBLISH_LEASE_MS = 30_000;
const POLL_MS = 2000;
const CLAIM_BATCH = 50;

/**
 * Publishes `audit.alert.raised.v1` for every alert whose pending marker is set, confirmed by the
 * broker, then clears the marker; a failure keeps the marker with a backoff, so no alert goes
 * unannounced (at least once; the event id is the alert id, so consumers drop a repeat).
 * Then the optional webhook, on its own marker and retries. Runs beside the feed, never in it.
 */
@Injectable()
export class AlertPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AlertPublisher');
  private readonly webhook: AlertWebhook | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(AlertRepository) private readonly repository: AlertRepository,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {
    const a = config.alerts;
    this.webhook = a.webhookUrl ? new AlertWebhook(a.webhookUrl, a.webhookTimeoutMs) : null;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Run now (coalesced: a kick during a run makes one more run). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .catch((error: unknown) => this.log.warn({ msg: 'alert publishing failed, will retry', err: (error as Error).message }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async runOnce(): Promise<void> {
    await this.publishDue();
    if (this.webhook) await this.deliverWebhooks(this.webhook);
  }

  private async publishDue(): Promise<void> {
    for (;;) {
      const rows = await this.repository.claimUnpublished(new Date(), PUBLISH_LEASE_MS, CLAIM_BATCH);
      if (rows.length === 0) return;
      await Promise.all(
        rows.map(async (row) => {
          try {
            await this.events.publish(ALERT_RAISED_V1, toAlertRaised(row), { eventId: row.id, occurredAt: new Date(row.raised_at) });
            await this.repository.markPublished(row.id, new Date());
          } catch (error) {
            this.log.warn({ msg: 'alert event not confirmed, will retry', alertId: row.id, err: (error as Error).message });
            await this.repository.deferPublish(row.id, new Date(Date.now() + 5000)).catch(() => undefined);
          }
        }),
      );
      if (rows.length < CLAIM_BATCH || this.stopped) return;
    }
  }

  private async deliverWebhooks(webhook: AlertWebhook): Promise<void> {
    const rows = await this.repository.claimWebhooks(new Date(), this.config.alerts.webhookTimeoutMs + PUBLISH_LEASE_MS, CLAIM_BATCH);
    await Promise.all(
      rows.map(async (row) => {
        const attempt = Number(row.webhook_attempts) + 1;
        if (await webhook.deliver(toAlertRaised(row), row.id, new Date(row.raised_at))) {
          await this.repository.setWebhookDue(row.id, null);
          return;
        }
        if (attempt > this.config.alerts.webhookRetries) {
          this.log.error({ msg: 'alert webhook gave up', alertId: row.id, attempts: attempt });
          await this.repository.setWebhookDue(row.id, null);
          return;
        }
        await this.repository.setWebhookDue(row.id, new Date(Date.now() + webhookBackoffMs(attempt)));
      }),
    );
  }
}
