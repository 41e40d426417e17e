import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ChangeRecorder, OutboxModule, OutboxWriter } from '@crm/outbox';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
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
      useFactory: (ds: DataSource, config: AuthConfig, changes: ChangeRecorder, outbox: OutboxWriter) =>
        new CallerService(ds, config.callerPolicy, changes, outbox),
      inject: [getDataSourceToken(), AUTH_CONFIG, ChangeRecorder, OutboxWriter],
    },
    CallerExpiryMonitor,
    LocalCallerDirectory,
  ],
  exports: [CallerService, LocalCallerDirectory],
})
export class CallerModule {}
