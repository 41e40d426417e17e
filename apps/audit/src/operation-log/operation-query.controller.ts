import { Controller, Get, Inject, Logger, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListPage } from '@crm/persistence';
import { ApiPage } from '@crm/runtime';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_READ } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import type { OperationLogItem } from './operation-log.mapper.js';
import { OperationLogItemResponse } from './operation-log.response.js';
import { OperationQueryDto } from './operation-query.dto.js';
import { OperationQueryService } from './operation-query.service.js';

/** `GET /audit/operations` (SPEC §4.2, §4.3): the operation log, newest first, with keyset cursors. */
@ApiTags('operation log')
@ApiBearerAuth()
@Controller('audit/operations')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class OperationQueryController {
  private readonly log = new Logger('OperationQuery');

  constructor(
    @Inject(OperationQueryService) private readonly queries: OperationQueryService,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
  ) {}

  @Get()
  @RequirePermissions([AUDIT_READ])
  @ApiOperation({ summary: 'The operation log (who changed what, old → new), newest first, filtered; page with nextCursor' })
  @ApiOkResponse({ type: ApiPage(OperationLogItemResponse) })
  async list(@Query() query: OperationQueryDto, @CurrentOperator() operator: Operator): Promise<ListPage<OperationLogItem>> {
    const started = performance.now();
    const page = await this.queries.page(query, operator.employeeId);
    await this.actions.record(operator, { entity: 'operation-log', entityId: '*', action: 'query', details: { ...query } });
    this.log.log({
      msg: 'operation log queried',
      employeeId: operator.employeeId,
      filters: query,
      returned: page.items.length,
      ms: Math.round(performance.now() - started),
    });
    return page;
  }
}
