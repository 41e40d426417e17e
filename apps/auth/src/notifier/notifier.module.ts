import { Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { CRM_CONFIG } from '@crm/runtime';
import { DevMailboxNotifier } from './dev-mailbox-notifier.js';
import { Notifier } from './notifier.js';
import { SmtpNotifier } from './smtp-notifier.js';

@Module({
  providers: [
    {
      provide: Notifier,
      useFactory: (config: CrmConfig, ds: DataSource): Notifier => {
        const c = config.credentials;
        if (c.notifier === 'smtp' && c.smtpUrl) return SmtpNotifier.fromUrl(c.smtpUrl, c.smtpFrom);
        new Logger('Notifier').warn({ msg: 'NOTIFIER=log: codes go to the dev_mailbox table and are not delivered; use NOTIFIER=smtp in production' });
        return new DevMailboxNotifier(ds);
      },
      inject: [CRM_CONFIG, getDataSourceToken()],
    },
  ],
  exports: [Notifier],
})
export class NotifierModule {}
