import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { ApiErrors } from '@crm/runtime';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_READ } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import { CallDetailResponse } from './call-detail.response.js';
import { CallDetailService, type CallDetail } from './call-detail.service.js';

/** `GET /audit/calls/:id`: one call, its other legs and the changes it made (404/4040 if unknown). */
@ApiTags('call log')
@ApiBearerAuth()
@Controller('audit/calls')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class CallDetailController {
  constructor(
    @Inject(CallDetailService) private readonly details: CallDetailService,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
  ) {}

  @Get(':id')
  @RequirePermissions([AUDIT_READ])
  @ApiOperation({ summary: 'One call with its other legs (same requestId) and the changes it made' })
  @ApiOkResponse({ type: CallDetailResponse })
  @ApiErrors([ErrorCode.NotFound, 'call not found'])
  async one(@Param('id') id: string, @CurrentOperator() operator: Operator): Promise<CallDetail> {
    const detail = await this.details.detail(id);
    await this.actions.record(operator, { entity: 'call-log', entityId: detail.call.id, action: 'view' });
    return detail;
  }
}
