import { Controller, Get, Inject, Logger, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListPage } from '@crm/persistence';
import { ApiPage } from '@crm/runtime';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_READ } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import type { CallLogItem } from './call-log.mapper.js';
import { CallLogItemResponse } from './call-log.response.js';
import { CallQueryDto } from './call-query.dto.js';
import { CallQueryService } from './call-query.service.js';

/** `GET /audit/calls` (SPEC §5.1): the call log, newest first, with keyset cursors. */
@ApiTags('call log')
@ApiBearerAuth()
@Controller('audit/calls')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class CallQueryController {
  private readonly log = new Logger('CallQuery');

  constructor(
    @Inject(CallQueryService) private readonly queries: CallQueryService,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
  ) {}

  @Get()
  @RequirePermissions([AUDIT_READ])
  @ApiOperation({
    summary: 'The interface call log, newest first, filtered; page with nextCursor',
    description: 'Filters are exact, case-sensitive names (a misspelt one, e.g. `requestid`, is refused with 4220); they combine with AND.',
  })
  @ApiOkResponse({ type: ApiPage(CallLogItemResponse) })
  async list(@Query() query: CallQueryDto, @CurrentOperator() operator: Operator): Promise<ListPage<CallLogItem>> {
    const started = performance.now();
    const page = await this.queries.page(query);
    // `actor` is renamed: the logger redacts fields of that name, meant for tokens.
    const { actor, ...filters } = query;
    await this.actions.record(operator, { entity: 'call-log', entityId: '*', action: 'query', details: { ...filters, actorId: actor } });
    this.log.log({
      msg: 'call log queried',
      employeeId: operator.employeeId,
      filters: { ...filters, actorId: actor },
      returned: page.items.length,
      ms: Math.round(performance.now() - started),
    });
    return page;
  }
}
