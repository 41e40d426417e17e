import { Controller, Get, Inject, Logger, Query, UseGuards } from '@nestjs/common';
import type { ListPage } from '@crm/persistence';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_READ } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import type { CallLogItem } from './call-log.mapper.js';
import { CallQueryDto } from './call-query.dto.js';
import { CallQueryService } from './call-query.service.js';

/** `GET /audit/calls` (SPEC §5.1): the call log, newest first, with keyset cursors. */
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
