import { Module } from '@nestjs/common';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { AlertController } from './alert.controller.js';
import { AlertEngine } from './alert-engine.js';
import { AlertFeedService } from './alert-feed.service.js';
import { AlertPublisher } from './alert-publisher.js';
import { AlertRepository } from './alert.repository.js';
import { AlertService } from './alert.service.js';
import { CallLogAlertTail } from './call-log-tail.js';
import { ForgedEventAlarm } from './forged-event.alarm.js';
import { QueueMonitor } from './queue.monitor.js';

/** Alerts (示警, SPEC §4.3): rules over the call log and the alert feed, stored alerts, events, webhook, query and ack. */
@Module({
  imports: [OperatorAuthModule],
  controllers: [AlertController],
  providers: [
    AlertRepository,
    AlertPublisher,
    AlertEngine,
    AlertFeedService,
    CallLogAlertTail,
    QueueMonitor,
    AlertService,
    ForgedEventAlarm,
  ],
  exports: [ForgedEventAlarm, CallLogAlertTail],
})
export class AlertModule {}
