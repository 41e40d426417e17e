import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { parseTimestamp } from '@crm/persistence';
import { ApiErrors } from '@crm/runtime';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_PURGE } from '../operator-auth/audit-permissions.js';
import { PurgeDto } from './purge.dto.js';
import { PurgeResponse } from './purge.response.js';
import { PurgeService, type PurgeResult } from './purge.service.js';

/** `POST /audit/purge` (SPEC §4.3): delete a log's records older than a date; its own permission. */
@ApiTags('retention')
@ApiBearerAuth()
@Controller('audit/purge')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class PurgeController {
  constructor(@Inject(PurgeService) private readonly purges: PurgeService) {}

  @Post()
  @HttpCode(200)
  @RequirePermissions([AUDIT_PURGE])
  @ApiOperation({ summary: "Delete a log's rows stamped before a date (only backed-up rows unless force); recorded and alerted" })
  @ApiOkResponse({ type: PurgeResponse })
  @ApiErrors([
    ErrorCode.Conflict,
    'rows to delete are not in a completed backup (the message names the range), the segment does not verify, or a purge of the log is running',
  ])
  purge(@Body() body: PurgeDto, @CurrentOperator() operator: Operator): Promise<PurgeResult> {
    return this.purges.purge(
      { log: body.log, before: parseTimestamp(body.before) as Date, force: body.force === true },
      operator,
      operator.employeeId,
    );
  }
}
