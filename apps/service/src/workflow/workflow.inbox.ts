import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SlaTriggerEventDto, WORKFLOW_SLA_BREACH_TRIGGER, WORKFLOW_SLA_WARNING_TRIGGER } from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { systemContext } from '@crm/security';
import { CaseService } from '../case/case.service.js';

/**
 * The SLA feature's warning and breach events as workflow triggers (queue
 * `<ns>.service.in.workflow`): each applied once, in the transaction that records it.
 */
@Injectable()
export class WorkflowInbox {
  constructor(@Inject(CaseService) private readonly cases: CaseService) {}

  @InboxHandler(WORKFLOW_SLA_WARNING_TRIGGER, SlaTriggerEventDto)
  warning(event: InboxEvent<SlaTriggerEventDto>, m: EntityManager): Promise<void> {
    return this.cases.trigger(m, event.data.caseId, 'sla-warning', event.data.target, systemContext('service'));
  }

  @InboxHandler(WORKFLOW_SLA_BREACH_TRIGGER, SlaTriggerEventDto)
  breach(event: InboxEvent<SlaTriggerEventDto>, m: EntityManager): Promise<void> {
    return this.cases.trigger(m, event.data.caseId, 'sla-breach', event.data.target, systemContext('service'));
  }
}
