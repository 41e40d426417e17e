import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import type { ListPage } from '@crm/persistence';
import { ApiErrors, ApiPage } from '@crm/runtime';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_ALERT_ACK, AUDIT_READ } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import type { AlertItem } from './alert.mapper.js';
import { AlertItemResponse } from './alert.response.js';
import { AlertService } from './alert.service.js';
import { AcknowledgeAlertDto, AlertQueryDto } from './alert-query.dto.js';

/** `GET /audit/alerts` and `POST /audit/alerts/:id/ack` (SPEC §4.3). */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('audit/alerts')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class AlertController {
  constructor(
    @Inject(AlertService) private readonly alerts: AlertService,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
  ) {}

  @Get()
  @RequirePermissions([AUDIT_READ])
  @ApiOperation({ summary: 'Alerts (incidents), newest first; page with nextCursor' })
  @ApiOkResponse({ type: ApiPage(AlertItemResponse) })
  async list(@Query() query: AlertQueryDto, @CurrentOperator() operator: Operator): Promise<ListPage<AlertItem>> {
    const page = await this.alerts.page(query);
    await this.actions.record(operator, { entity: 'alert', entityId: '*', action: 'query', details: { ...query } });
    return page;
  }

  /** Closes the incident; recorded in the operation log with the operator and the note. */
  @Post(':id/ack')
  @HttpCode(200)
  @RequirePermissions([AUDIT_ALERT_ACK])
  @ApiOperation({ summary: 'Acknowledge (close) an alert, with an optional note' })
  @ApiOkResponse({ type: AlertItemResponse })
  @ApiErrors([ErrorCode.NotFound, 'alert not found'], [ErrorCode.Conflict, 'already acknowledged'])
  async acknowledge(@Param('id') id: string, @Body() body: AcknowledgeAlertDto, @CurrentOperator() operator: Operator): Promise<AlertItem> {
    const note = body.note?.trim() || null;
    const alert = await this.alerts.acknowledge(id, operator.employeeId, note);
    await this.actions.record(operator, {
      entity: 'alert',
      entityId: alert.id,
      action: 'acknowledge',
      details: { rule: alert.rule, subject: alert.subject, note: note ?? undefined },
    });
    return alert;
  }
}
