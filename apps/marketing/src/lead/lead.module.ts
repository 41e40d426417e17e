import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { AssignmentModule } from '../assignment/assignment.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { LeadController } from './lead.controller.js';
import { LeadRepository } from './lead.repository.js';
import { LeadService } from './lead.service.js';

/** Marketing: leads: capture with dedupe, scoring and assignment, edits, status, merge, history (conversion: issue 10 item 4). */
@Module({
  imports: [OutboxModule, ScoringModule, AssignmentModule],
  controllers: [LeadController],
  providers: [LeadRepository, LeadService],
})
export class LeadModule {}
