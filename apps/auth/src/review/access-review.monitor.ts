import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { AccessReviewService } from './access-review.service.js';

/** Checks for overdue access reviews every ACCESS_REVIEW_CHECK_SECONDS (default 60); safe on every replica. */
@Injectable()
export class AccessReviewMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AccessReviewMonitor');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(AccessReviewService) private readonly reviews: AccessReviewService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.identity.accessReviewCheckMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.reviews
      .announceOverdue()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ msg: 'overdue review check failed', err: (error as Error).message }))
      .finally(() => (this.running = null));
  }
}
