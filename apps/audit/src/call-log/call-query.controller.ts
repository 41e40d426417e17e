import { Controller, Get, Inject, Logger, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListPage } from '@crm/persistence';
import { ApiPage } from '@crm/runtime';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_READ } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import type { CallLogItem } from './call-log.mapper.js';
import { CallHistogramResponse, CallLogItemResponse } from './call-log.response.js';
import { CallHistogramQueryDto, CallQueryDto, type CallFilterDto } from './call-query.dto.js';
import { CallQueryService, type CallHistogram } from './call-query.service.js';

/** `GET /audit/calls` (SPEC §5.1): the call log, newest first, with keyset cursors; and its histogram. */
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
    summary: 'The interface call log, newest first (or sorted), filtered; page with nextCursor',
    description:
      'Filters are case-sensitive names (a misspelt one, e.g. `requestid`, is refused with 4220); they combine with AND. ' +
      '`caller`, `pattern` and `requestId` match exactly, or with `*` as a wildcard.',
  })
  @ApiOkResponse({ type: ApiPage(CallLogItemResponse) })
  async list(@Query() query: CallQueryDto, @CurrentOperator() operator: Operator): Promise<ListPage<CallLogItem>> {
    const started = performance.now();
    const page = await this.queries.page(query);
    await this.recordQuery(operator, 'call log queried', query, page.items.length, started);
    return page;
  }

  /** Calls and failed calls per time bucket over the range, with the list's filters (declared before `:id`). */
  @Get('histogram')
  @ApiOperation({
    summary:
      'Calls and failed calls per time bucket over a range (default: the last 24 h), with the call-log filters; every bucket, empty ones included',
  })
  @ApiOkResponse({ type: CallHistogramResponse })
  @RequirePermissions([AUDIT_READ])
  async histogram(@Query() query: CallHistogramQueryDto, @CurrentOperator() operator: Operator): Promise<CallHistogram> {
    const started = performance.now();
    const histogram = await this.queries.histogram(query);
    await this.recordQuery(operator, 'call histogram queried', { ...query, aggregate: 'histogram' }, histogram.buckets.length, started);
    return histogram;
  }

  private async recordQuery(
    operator: Operator,
    msg: string,
    query: CallFilterDto & { aggregate?: string },
    returned: number,
    started: number,
  ) {
    // `actor` is renamed: the logger redacts fields of that name, meant for tokens.
    const { actor, ...filters } = query;
    await this.actions.record(operator, { entity: 'call-log', entityId: '*', action: 'query', details: { ...filters, actorId: actor } });
    this.log.log({
      msg,
      employeeId: operator.employeeId,
      filters: { ...filters, actorId: actor },
      returned,
      ms: Math.round(performance.now() - started),
    });
  }
}
