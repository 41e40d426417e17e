import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { OperatorGuardModule } from '@crm/security';
import { SessionModule } from '../session/session.module.js';
import { EmployeeRoles } from './employee-roles.js';
import { RoleController } from './role.controller.js';
import { RoleService } from './role.service.js';

@Module({
  imports: [OutboxModule, SessionModule, OperatorGuardModule],
  controllers: [RoleController],
  providers: [EmployeeRoles, RoleService],
  exports: [EmployeeRoles, RoleService],
})
export class RoleModule {}
