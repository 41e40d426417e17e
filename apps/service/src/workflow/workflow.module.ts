import { Module } from '@nestjs/common';
import { InboxModule } from '@crm/inbox';
import { OutboxModule } from '@crm/outbox';
import { CaseModule } from '../case/case.module.js';
import { WorkflowRuleController } from './workflow-rule.controller.js';
import { WorkflowRuleService } from './workflow-rule.service.js';
import { WorkflowRulesModule } from './workflow-rules.module.js';
import { WorkflowInbox } from './workflow.inbox.js';

/** Service: data-driven workflow and escalation rules: editing them, and the SLA triggers. */
@Module({
  imports: [OutboxModule, WorkflowRulesModule, CaseModule, InboxModule.forFeature({ purpose: 'workflow', handlers: [WorkflowInbox] })],
  controllers: [WorkflowRuleController],
  providers: [WorkflowRuleService, WorkflowInbox],
})
export class WorkflowModule {}
