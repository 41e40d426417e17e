import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_READ } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import type { VerifyResult } from './chain-verifier.js';
import { IntegrityService, logEntity } from './integrity.service.js';
import { VerifyQueryDto } from './verify-query.dto.js';
import { VerifyResponse } from './verify.response.js';

/** `GET /audit/integrity/verify` (SPEC §4.3): recompute a log's hash chain and name the first break. */
@ApiTags('integrity')
@ApiBearerAuth()
@Controller('audit/integrity')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class IntegrityController {
  constructor(
    @Inject(IntegrityService) private readonly integrity: IntegrityService,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
  ) {}

  @Get('verify')
  @RequirePermissions([AUDIT_READ])
  @ApiOperation({ summary: "Recompute a log's hash chain and name the first edited, inserted or deleted row" })
  @ApiOkResponse({ type: VerifyResponse, description: 'also when the chain is broken: then ok is false and firstBroken names the row' })
  async verify(@Query() query: VerifyQueryDto, @CurrentOperator() operator: Operator): Promise<VerifyResult> {
    const result = await this.integrity.verify(query.log, query.from_seq);
    await this.actions.record(operator, {
      entity: logEntity(query.log),
      entityId: '*',
      action: 'verify',
      details: { fromSeq: query.from_seq, ok: result.ok, checked: result.checked, firstBroken: result.firstBroken },
    });
    return result;
  }
}
