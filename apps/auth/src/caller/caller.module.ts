import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { EventPublisher } from '@crm/messaging';
import { ChangeRecorder, OutboxModule } from '@crm/outbox';
import { CRM_CONFIG } from '@crm/runtime';
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
      useFactory: (ds: DataSource, config: CrmConfig, events: EventPublisher, changes: ChangeRecorder) =>
        new CallerService(ds, config.callerPolicy, new BrokerCallerChangeNotifier(events), changes),
      inject: [getDataSourceToken(), CRM_CONFIG, EventPublisher, ChangeRecorder],
    },
    CallerExpiryMonitor,
    LocalCallerDirectory,
  ],
  exports: [CallerService, LocalCallerDirectory],
})
export class CallerModule {}
