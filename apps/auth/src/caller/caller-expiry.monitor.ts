import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CALLER_EXPIRING_V1 } from '@crm/contracts';
import { EventPublisher } from '@crm/messaging';
import { CallerService } from './caller.service.js';

const INTERVAL_MS = 10 * 60_000;

/** Warns before credentials expire (log + `auth.caller.expiring.v1`), drops ended overlaps and expired lockout rows. */
@Injectable()
export class CallerExpiryMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CallerExpiryMonitor');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(CallerService) private readonly callers: CallerService,
    @Inject(EventPublisher) private readonly events: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), INTERVAL_MS);
    this.timer.unref();
    void this.tick();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    try {
      for (const w of await this.callers.takeExpiryWarnings()) {
        this.log.warn({ msg: 'caller credential nearing expiry', caller: w.caller, expiresAt: w.expiresAt });
        await this.events.publish(CALLER_EXPIRING_V1, w);
      }
      await this.callers.purgeRetired();
      await this.callers.purgeLockouts();
    } catch (error) {
      this.log.error({ msg: 'expiry check failed', err: (error as Error).message });
    }
  }
}
