import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOperator, OperatorAuthGuard, PermissionGuard, RequirePermissions, type Operator } from '@crm/security';
import { RoleService } from '../role/role.service.js';
import { ApproveEmployeeDto, EmployeeStateDto, RejectEmployeeDto } from './dto/decision.dto.js';
import { EditEmployeeDto } from './dto/edit-employee.dto.js';
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
  file(@CurrentOperator() op: Operator, @Body() dto: FileEmployeeDto) {
    return this.lifecycle.file(actorOf(op), dto);
  }

  @Get()
  @RequirePermissions(['employee.read'])
  @ApiOperation({ summary: 'List employees, oldest ID first; page with nextCursor' })
  list(@Query() q: ListEmployeesQuery) {
    return this.query.list(q);
  }

  @Get(':id')
  @RequirePermissions(['employee.read'])
  get(@Param('id', EmployeeIdPipe) id: string) {
    return this.query.get(id);
  }

  @Patch(':id')
  @RequirePermissions(['employee.manage'])
  @ApiOperation({ summary: 'Edit the profile (recorded old → new)' })
  edit(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: EditEmployeeDto) {
    return this.lifecycle.edit(actorOf(op), id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions(['employee.approve'])
  @ApiOperation({ summary: 'Approve a filing; the answer carries the initial password, once' })
  approve(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: ApproveEmployeeDto) {
    return this.lifecycle.approve(actorOf(op), id, dto.note ?? null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermissions(['employee.approve'])
  reject(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: RejectEmployeeDto) {
    return this.lifecycle.reject(actorOf(op), id, dto.note);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermissions(['employee.manage'])
  @ApiOperation({ summary: 'Offboarding: disable the ID; its sessions end on every app' })
  disable(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: EmployeeStateDto) {
    return this.lifecycle.disable(actorOf(op), id, dto.note ?? null);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermissions(['employee.manage'])
  enable(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: EmployeeStateDto) {
    return this.lifecycle.enable(actorOf(op), id, dto.note ?? null);
  }

  @Put(':id/roles')
  @RequirePermissions(['role.manage'])
  @ApiOperation({ summary: "Replace the employee's roles; their sessions end so every app re-reads permissions" })
  async setRoles(@CurrentOperator() op: Operator, @Param('id', EmployeeIdPipe) id: string, @Body() dto: SetEmployeeRolesDto) {
    return { employeeId: id, roles: await this.roles.setEmployeeRoles(actorOf(op), id, dto.roles) };
  }

  @Delete(':id')
  @RequirePermissions(['employee.manage'])
  @ApiOperation({ summary: 'Always refused (4090): IDs are never deleted; disable instead' })
  remove(@Param('id', EmployeeIdPipe) id: string): never {
    return this.lifecycle.refuseDelete(id);
  }
}
