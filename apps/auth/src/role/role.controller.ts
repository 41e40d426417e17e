import { Body, Controller, Get, Inject, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@crm/runtime';
import { CrmError, ErrorCode } from '@crm/contracts';
import { CurrentOperator, OperatorAuthGuard, PermissionGuard, RequirePermissions, type Operator } from '@crm/security';
import { ROLE_NAME_RE } from '../employee/dto/employee-fields.js';
import { actorOf } from '../employee/employee-id.pipe.js';
import { CreateRoleDto, SetRolePermissionsDto, UpdateRoleDto } from './dto/role.dto.js';
import { PermissionResponse, RoleResponse } from './dto/role.response.js';
import { RoleService } from './role.service.js';

function roleName(name: string): string {
  if (!ROLE_NAME_RE.test(name))
    throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field: 'name', reasons: ['not a role name'] }]);
  return name;
}

@ApiTags('roles')
@ApiBearerAuth()
@Controller('auth')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class RoleController {
  constructor(@Inject(RoleService) private readonly roles: RoleService) {}

  @Get('roles')
  @RequirePermissions(['employee.read'])
  @ApiOperation({ summary: 'Roles with their permissions, 2FA requirement and active member count' })
  @ApiOkResponse({ type: [RoleResponse] })
  list() {
    return this.roles.listRoles();
  }

  @Post('roles')
  @RequirePermissions(['role.manage'])
  @ApiOperation({ summary: 'Create a role' })
  @ApiCreatedResponse({ type: RoleResponse })
  @ApiErrors([ErrorCode.Conflict, 'the role already exists'], [ErrorCode.ValidationFailed, 'an invalid field or an unknown permission'])
  create(@CurrentOperator() op: Operator, @Body() dto: CreateRoleDto) {
    return this.roles.create(actorOf(op), dto);
  }

  @Patch('roles/:name')
  @RequirePermissions(['role.manage'])
  @ApiOperation({ summary: 'Change description or the two-factor requirement' })
  @ApiOkResponse({ type: RoleResponse })
  @ApiErrors(ErrorCode.NotFound, [ErrorCode.ValidationFailed, 'not a role name, or an invalid field'])
  update(@CurrentOperator() op: Operator, @Param('name') name: string, @Body() dto: UpdateRoleDto) {
    return this.roles.update(actorOf(op), roleName(name), dto);
  }

  @Put('roles/:name/permissions')
  @RequirePermissions(['role.manage'])
  @ApiOperation({ summary: "Replace a role's permissions; holders' sessions end so every app re-reads them" })
  @ApiOkResponse({ type: RoleResponse })
  @ApiErrors(
    ErrorCode.NotFound,
    [ErrorCode.Conflict, 'no active employee with role.manage would be left'],
    [ErrorCode.ValidationFailed, 'not a role name, or an unknown permission'],
  )
  setPermissions(@CurrentOperator() op: Operator, @Param('name') name: string, @Body() dto: SetRolePermissionsDto) {
    return this.roles.setPermissions(actorOf(op), roleName(name), dto.permissions);
  }

  @Get('permissions')
  @RequirePermissions(['employee.read'])
  @ApiOperation({ summary: 'Every permission and the roles that grant it' })
  @ApiOkResponse({ type: [PermissionResponse] })
  permissions() {
    return this.roles.listPermissions();
  }
}
