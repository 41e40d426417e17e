import { Module } from '@nestjs/common';
import { OperatorGuardModule } from '@crm/security';
import { OperationModule } from '../operation/operation.module.js';
import { SessionModule } from '../session/session.module.js';
import { EmployeeRoles } from './employee-roles.js';
import { RoleController } from './role.controller.js';
import { RoleService } from './role.service.js';

@Module({
  imports: [OperationModule, SessionModule, OperatorGuardModule],
  controllers: [RoleController],
  providers: [EmployeeRoles, RoleService],
  exports: [EmployeeRoles, RoleService],
})
export class RoleModule {}
