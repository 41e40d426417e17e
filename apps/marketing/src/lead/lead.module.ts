import { Module } from '@nestjs/common';
import { InboxModule } from '@crm/inbox';
import { OutboxModule } from '@crm/outbox';
import { AssignmentModule } from '../assignment/assignment.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { LeadConversionInbox } from './lead-conversion.inbox.js';
import { LeadConversionService } from './lead-conversion.service.js';
import { LeadController } from './lead.controller.js';
import { LeadRepository } from './lead.repository.js';
import { LeadService } from './lead.service.js';

/** Marketing: leads: capture with dedupe, scoring and assignment, edits, status, merge, history, conversion into sales (a saga). */
@Module({
  imports: [
    OutboxModule,
    ScoringModule,
    AssignmentModule,
    InboxModule.forFeature({ purpose: 'lead-conversion', handlers: [LeadConversionInbox] }),
  ],
  controllers: [LeadController],
  providers: [LeadRepository, LeadService, LeadConversionService, LeadConversionInbox],
})
export class LeadModule {}
