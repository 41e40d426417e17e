import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { OperatorGuardModule } from '@crm/security';
import { RoleModule } from '../role/role.module.js';
import { SessionModule } from '../session/session.module.js';
import { EmployeeLifecycleService } from './employee-lifecycle.service.js';
import { EmployeeQueryService } from './employee-query.service.js';
import { EmployeeRpcController } from './employee-rpc.controller.js';
import { EmployeeController } from './employee.controller.js';

/** Employee administration: onboarding, profile, offboarding, and the public profile for other apps. */
@Module({
  imports: [OutboxModule, RoleModule, SessionModule, OperatorGuardModule],
  controllers: [EmployeeController, EmployeeRpcController],
  providers: [EmployeeLifecycleService, EmployeeQueryService],
  exports: [EmployeeLifecycleService, EmployeeQueryService],
})
export class EmployeeModule {}
