import { Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { DevMailboxNotifier } from './dev-mailbox-notifier.js';
import { Notifier } from './notifier.js';
import { SmtpNotifier } from './smtp-notifier.js';

@Module({
  providers: [
    {
      provide: Notifier,
      useFactory: (config: AuthConfig, ds: DataSource): Notifier => {
        const c = config.credentials;
        if (c.notifier === 'smtp' && c.smtpUrl) return SmtpNotifier.fromUrl(c.smtpUrl, c.smtpFrom);
        new Logger('Notifier').warn({
          msg: 'NOTIFIER=log: codes go to the dev_mailbox table and are not delivered; use NOTIFIER=smtp in production',
        });
        return new DevMailboxNotifier(ds);
      },
      inject: [AUTH_CONFIG, getDataSourceToken()],
    },
  ],
  exports: [Notifier],
})
export class NotifierModule {}
