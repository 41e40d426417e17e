import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { parseTimestamp } from '@crm/persistence';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_PURGE } from '../operator-auth/audit-permissions.js';
import { PurgeDto } from './purge.dto.js';
import { PurgeService, type PurgeResult } from './purge.service.js';

/** `POST /audit/purge` (SPEC §4.3): delete a log's records older than a date; its own permission. */
@Controller('audit/purge')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class PurgeController {
  constructor(@Inject(PurgeService) private readonly purges: PurgeService) {}

  @Post()
  @HttpCode(200)
  @RequirePermissions([AUDIT_PURGE])
  purge(@Body() body: PurgeDto, @CurrentOperator() operator: Operator): Promise<PurgeResult> {
    return this.purges.purge(
      { log: body.log, before: parseTimestamp(body.before) as Date, force: body.force === true },
      operator,
      operator.employeeId,
    );
  }
}
