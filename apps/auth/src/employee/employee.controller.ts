import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { ApiErrors, ApiPage } from '@crm/runtime';
import { CurrentOperator, OperatorAuthGuard, PermissionGuard, RequirePermissions, type Operator } from '@crm/security';
import { RoleService } from '../role/role.service.js';
import { ApproveEmployeeDto, EmployeeStateDto, RejectEmployeeDto } from './dto/decision.dto.js';
import { EditEmployeeDto } from './dto/edit-employee.dto.js';
import { ApprovedEmployeeResponse, EmployeeResponse, EmployeeRolesResponse } from './dto/employee.response.js';
import { FileEmployeeDto } from './dto/file-employee.dto.js';
import { ListEmployeesQuery } from './dto/list-employees.query.js';
import { SetEmployeeRolesDto } from './dto/set-roles.dto.js';
import { actorOf, EmployeeIdPipe } from './employee-id.pipe.js';
import { EmployeeLifecycleService } from './employee-lifecycle.service.js';
import { EmployeeQueryService } from './employee-query.service.js';

@ApiTags('employees')
@ApiBearerAuth()
@Controller('auth/employees')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class EmployeeController {
  constructor(
    @Inject(EmployeeLifecycleService) private readonly lifecycle: EmployeeLifecycleService,
    @Inject(EmployeeQueryService) private readonly query: EmployeeQueryService,
    @Inject(RoleService) private readonly roles: RoleService,
  ) {}

  @Post()
  @RequirePermissions(['employee.manage'])
  @ApiOperation({ summary: 'File a new employee (status pending until another administrator approves)' })
  @ApiCreatedResponse({ type: EmployeeResponse })
  @ApiErrors([ErrorCode.Conflict, 'the e-mail or phone already belongs to another employee'])
  file(@CurrentOperator() op: Operator, @Body() dto: FileEmployeeDto) {
    return this.lifecycle.file(actorOf(op), dto);
  }

  @Get()
  @RequirePermissions(['employee.read'])
  @ApiOperation({ summary: 'List employees, oldest ID first; page with nextCursor' })
  @ApiOkResponse({ type: ApiPage(EmployeeResponse) })
  list(@Query() q: ListEmployeesQuery) {
    return this.query.list(q);
  }

  @Get(':id')
  @RequirePermissions(['employee.read'])
  @ApiOperation({ summary: 'One employee' })
  @ApiOkResponse({ type: EmployeeResponse })
  @ApiErrors(ErrorCode.NotFound, [ErrorCode.ValidationFailed, 'not an employee ID'])
  get(@Param('id', EmployeeIdPipe) id: string) {
    return this.query.get(id);
  }

  @Patch(':id')
  @RequirePermissions(['employee.manage'])
  @ApiOperation({ summary: 'Edit the profile (recorded old → new)' })
  @ApiOkResponse({ type: EmployeeResponse })
  @ApiErrors(
    ErrorCode.NotFound,
    [ErrorCode.Conflict, 'a rejected filing, or the e-mail or phone belongs to another employee'],
    [ErrorCode.ValidationFailed, 'not an employee ID, or an invalid field'],
  )
  edit(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: EditEmployeeDto) {
    return this.lifecycle.edit(actorOf(op), id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions(['employee.approve'])
  @ApiOperation({ summary: 'Approve a filing; the answer carries the initial password, once' })
  @ApiOkResponse({ type: ApprovedEmployeeResponse })
  @ApiErrors(
    ErrorCode.NotFound,
    [ErrorCode.Forbidden, 'the filing must be decided by another administrator than the one who filed it'],
    [ErrorCode.Conflict, 'not pending'],
    [ErrorCode.ValidationFailed, 'not an employee ID, or an invalid field'],
  )
  approve(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: ApproveEmployeeDto) {
    return this.lifecycle.approve(actorOf(op), id, dto.note ?? null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermissions(['employee.approve'])
  @ApiOperation({ summary: 'Reject a filing (the ID is never used)' })
  @ApiOkResponse({ type: EmployeeResponse })
  @ApiErrors(
    ErrorCode.NotFound,
    [ErrorCode.Forbidden, 'the filing must be decided by another administrator than the one who filed it'],
    [ErrorCode.Conflict, 'not pending'],
    [ErrorCode.ValidationFailed, 'not an employee ID, or an invalid field'],
  )
  reject(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: RejectEmployeeDto) {
    return this.lifecycle.reject(actorOf(op), id, dto.note);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermissions(['employee.manage'])
  @ApiOperation({ summary: 'Offboarding: disable the ID; its sessions end on every app' })
  @ApiOkResponse({ type: EmployeeResponse })
  @ApiErrors(
    ErrorCode.NotFound,
    [ErrorCode.Forbidden, 'you cannot disable your own ID'],
    [ErrorCode.Conflict, 'not active, or no active employee with role.manage would be left'],
    [ErrorCode.ValidationFailed, 'not an employee ID, or an invalid field'],
  )
  disable(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: EmployeeStateDto) {
    return this.lifecycle.disable(actorOf(op), id, dto.note ?? null);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermissions(['employee.manage'])
  @ApiOperation({ summary: 'Re-activate a disabled ID' })
  @ApiOkResponse({ type: EmployeeResponse })
  @ApiErrors(
    ErrorCode.NotFound,
    [ErrorCode.Conflict, 'not disabled'],
    [ErrorCode.ValidationFailed, 'not an employee ID, or an invalid field'],
  )
  enable(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: EmployeeStateDto) {
    return this.lifecycle.enable(actorOf(op), id, dto.note ?? null);
  }

  @Put(':id/roles')
  @RequirePermissions(['role.manage'])
  @ApiOperation({ summary: "Replace the employee's roles; their sessions end so every app re-reads permissions" })
  @ApiOkResponse({ type: EmployeeRolesResponse })
  @ApiErrors(
    ErrorCode.NotFound,
    [ErrorCode.Conflict, 'a rejected filing, or no active employee with role.manage would be left'],
    [ErrorCode.ValidationFailed, 'not an employee ID, or an unknown role'],
  )
  async setRoles(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: SetEmployeeRolesDto) {
    return { employeeId: id, roles: await this.roles.setEmployeeRoles(actorOf(op), id, dto.roles) };
  }

  @Delete(':id')
  @RequirePermissions(['employee.manage'])
  @ApiOperation({ summary: 'Always refused (4090): IDs are never deleted; disable instead' })
  @ApiExtension('x-always-refused', true)
  @ApiErrors(
    [ErrorCode.Conflict, 'employee IDs are never deleted: disable the ID instead'],
    [ErrorCode.ValidationFailed, 'not an employee ID'],
  )
  remove(@Param('id', EmployeeIdPipe) id: string): never {
    return this.lifecycle.refuseDelete(id);
  }
}
