import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventPublisher } from '@crm/messaging';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { OperationModule } from '../operation/operation.module.js';
import { OperationRecorder } from '../operation/operation-recorder.js';
import { BrokerCallerChangeNotifier } from './caller-events.js';
import { CallerExpiryMonitor } from './caller-expiry.monitor.js';
import { CallerController } from './caller.controller.js';
import { CallerService } from './caller.service.js';
import { LocalCallerDirectory } from './local-caller-directory.js';

@Module({
  imports: [OperationModule],
  controllers: [CallerController],
  providers: [
    {
      provide: CallerService,
      useFactory: (ds: DataSource, config: AuthConfig, events: EventPublisher, operations: OperationRecorder) =>
        new CallerService(ds, config.callerPolicy, new BrokerCallerChangeNotifier(events), operations),
      inject: [getDataSourceToken(), AUTH_CONFIG, EventPublisher, OperationRecorder],
    },
    CallerExpiryMonitor,
    LocalCallerDirectory,
  ],
  exports: [CallerService, LocalCallerDirectory],
})
export class CallerModule {}
