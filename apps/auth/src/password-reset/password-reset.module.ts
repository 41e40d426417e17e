import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { CRM_CONFIG } from '@crm/runtime';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { Notifier } from '../notifier/notifier.js';
import { NotifierModule } from '../notifier/notifier.module.js';
import { CredentialsModule } from '../password/credentials.module.js';
import { PasswordService } from '../password/password.service.js';
import { TwoFactorService } from '../two-factor/two-factor.service.js';
import { BackgroundQueue } from './background-queue.js';
import { PasswordResetController } from './password-reset.controller.js';
import { PasswordResetRepository } from './password-reset.repository.js';
import { PasswordResetService } from './password-reset.service.js';
import { resetKeys } from './reset-code.js';
import { ResetRateLimiter } from './reset-rate-limiter.js';

/** Lets queued codes go out before the process exits on SIGTERM. */
class QueueDrain implements OnApplicationShutdown {
  constructor(private readonly queue: BackgroundQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.drain();
  }
}

@Module({
  imports: [CredentialsModule, NotifierModule],
  controllers: [PasswordResetController],
  providers: [
    { provide: BackgroundQueue, useValue: new BackgroundQueue() },
    { provide: QueueDrain, useFactory: (q: BackgroundQueue) => new QueueDrain(q), inject: [BackgroundQueue] },
    {
      provide: PasswordResetService,
      useFactory: (
        ds: DataSource,
        config: CrmConfig,
        auth: AuthConfig,
        notifier: Notifier,
        passwords: PasswordService,
        twoFactor: TwoFactorService,
        queue: BackgroundQueue,
      ) => {
        const c = auth.credentials;
        const keys = resetKeys(config);
        const limiter = new ResetRateLimiter(ds, keys.bucket, {
          perAccount: c.resetRequestsPerAccount,
          perAddress: c.resetRequestsPerAddress,
          windowMs: c.resetRateWindowMs,
        });
        return new PasswordResetService(
          new PasswordResetRepository(ds),
          limiter,
          keys.code,
          { codeTtlMs: c.resetCodeTtlMs, maxAttempts: c.resetMaxAttempts },
          notifier,
          passwords,
          twoFactor,
          queue,
        );
      },
      inject: [getDataSourceToken(), CRM_CONFIG, AUTH_CONFIG, Notifier, PasswordService, TwoFactorService, BackgroundQueue],
    },
  ],
})
export class PasswordResetModule {}
