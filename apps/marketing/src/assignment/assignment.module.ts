import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { AssignmentRuleController } from './assignment-rule.controller.js';
import { AssignmentRuleRepository } from './assignment-rule.repository.js';
import { AssignmentRuleService } from './assignment-rule.service.js';
import { AssignmentService } from './assignment.service.js';

/** Marketing: lead assignment rules. `AssignmentService` is what the lead feature uses at capture. */
@Module({
  imports: [OutboxModule],
  controllers: [AssignmentRuleController],
  providers: [AssignmentRuleRepository, AssignmentRuleService, AssignmentService],
  exports: [AssignmentService],
})
export class AssignmentModule {}
