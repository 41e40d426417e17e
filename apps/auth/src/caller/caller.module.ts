import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventPublisher } from '@crm/messaging';
import { ChangeRecorder, OutboxModule } from '@crm/outbox';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { BrokerCallerChangeNotifier } from './caller-events.js';
import { CallerExpiryMonitor } from './caller-expiry.monitor.js';
import { CallerController } from './caller.controller.js';
import { CallerService } from './caller.service.js';
import { LocalCallerDirectory } from './local-caller-directory.js';

@Module({
  imports: [OutboxModule],
  controllers: [CallerController],
  providers: [
    {
      provide: CallerService,
      useFactory: (ds: DataSource, config: AuthConfig, events: EventPublisher, changes: ChangeRecorder) =>
        new CallerService(ds, config.callerPolicy, new BrokerCallerChangeNotifier(events), changes),
      inject: [getDataSourceToken(), AUTH_CONFIG, EventPublisher, ChangeRecorder],
    },
    CallerExpiryMonitor,
    LocalCallerDirectory,
  ],
  exports: [CallerService, LocalCallerDirectory],
})
export class CallerModule {}
