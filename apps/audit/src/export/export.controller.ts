import { Controller, Get, Inject, Logger, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorCode } from '@crm/contracts';
import { ApiErrors } from '@crm/runtime';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { logEntity } from '../integrity/integrity.service.js';
import { AUDIT_EXPORT } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import { buildExportQuery } from './export-query.builder.js';
import { ExportQueryDto } from './export-query.dto.js';
import { ExportService } from './export.service.js';

/**
 * `GET /audit/export` (SPEC §4.3): a log's rows over a time range, streamed as NDJSON or CSV.
 * CSV cells that a spreadsheet would run as a formula (`=HYPERLINK(...)` sent as a caller name)
 * start with `'` unless `raw=1` asks for the stored bytes; the choice is recorded with the export.
 */
@ApiTags('export')
@ApiBearerAuth()
@Controller('audit/export')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class ExportController {
  private readonly log = new Logger('Export');

  constructor(
    @Inject(ExportService) private readonly exports: ExportService,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
  ) {}

  @Get()
  @RequirePermissions([AUDIT_EXPORT])
  @ApiOperation({
    summary: "Stream a log's rows over [from, to), oldest first, as NDJSON or CSV (optionally gzip); the query endpoints' filters apply",
  })
  @ApiProduces('application/x-ndjson', 'text/csv', 'application/gzip')
  @ApiOkResponse({
    description: 'one record per line: the query items plus seq and rowHash',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors([ErrorCode.ValidationFailed, 'a filter of the other log, or an invalid field'])
  async export(@Query() query: ExportQueryDto, @CurrentOperator() operator: Operator, @Res() res: Response): Promise<void> {
    buildExportQuery(query); // refuse bad filter combinations (4220) before anything is recorded or sent
    const { actor, ...filters } = query;
    // Recorded before the first byte: an export the client abandons was still an export.
    await this.actions.record(operator, {
      entity: logEntity(query.log),
      entityId: '*',
      action: 'export',
      details: { ...filters, actorId: actor },
    });
    const started = performance.now();
    const outcome = await this.exports.stream(query, res);
    this.log.log({
      msg: 'export streamed',
      employeeId: operator.employeeId,
      log: query.log,
      rows: outcome.rows,
      completed: outcome.completed,
      ms: Math.round(performance.now() - started),
    });
  }
}
