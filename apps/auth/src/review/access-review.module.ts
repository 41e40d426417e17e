import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { OperatorGuardModule } from '@crm/security';
import { EmployeeModule } from '../employee/employee.module.js';
import { RoleModule } from '../role/role.module.js';
import { SessionModule } from '../session/session.module.js';
import { AccessReviewController } from './access-review.controller.js';
import { AccessReviewMonitor } from './access-review.monitor.js';
import { AccessReviewService } from './access-review.service.js';

@Module({
  imports: [OutboxModule, RoleModule, EmployeeModule, SessionModule, OperatorGuardModule],
  controllers: [AccessReviewController],
  providers: [AccessReviewService, AccessReviewMonitor],
  exports: [AccessReviewService],
})
export class AccessReviewModule {}
