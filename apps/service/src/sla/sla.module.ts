import { Global, Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { CalendarController } from './calendar.controller.js';
import { CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';
import { CaseSlaRepository } from './case-sla.repository.js';
import { SlaClock } from './sla-clock.js';
import { PolicySlaClock } from './sla-clock.service.js';
import { SlaPolicyController } from './sla-policy.controller.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';
import { SlaPolicyService } from './sla-policy.service.js';
import { SlaScheduler } from './sla-scheduler.js';

/** Service: business calendars, SLA policies, the SLA clock of cases and its warning/breach scheduler. */
@Global()
@Module({
  imports: [OutboxModule],
  controllers: [CalendarController, SlaPolicyController],
  providers: [
    CalendarRepository,
    CalendarService,
    SlaPolicyRepository,
    SlaPolicyService,
    CaseSlaRepository,
    SlaScheduler,
    { provide: SlaClock, useClass: PolicySlaClock },
  ],
  exports: [SlaClock],
})
export class SlaModule {}
