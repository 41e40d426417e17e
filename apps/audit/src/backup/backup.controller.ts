import { Body, Controller, Get, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { parseTimestamp } from '@crm/persistence';
import { ApiErrors, ApiItems } from '@crm/runtime';
import { CurrentOperator, type Operator, OperatorAuthGuard, PermissionGuard, RequirePermissions } from '@crm/security';
import { AUDIT_EXPORT, AUDIT_READ } from '../operator-auth/audit-permissions.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import type { BackupItem } from './backup-manifest.js';
import { ListBackupsDto, RunBackupDto } from './backup.dto.js';
import { BackupItemResponse } from './backup.response.js';
import { BackupService } from './backup.service.js';

/** `POST /audit/backups` (run one now) and `GET /audit/backups` (what exists) — SPEC §4.3. */
@ApiTags('backups')
@ApiBearerAuth()
@Controller('audit/backups')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class BackupController {
  constructor(
    @Inject(BackupService) private readonly backups: BackupService,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
  ) {}

  @Post()
  @RequirePermissions([AUDIT_EXPORT])
  @ApiOperation({ summary: "Back up a log's rows in [from, to) now (gzip NDJSON and a manifest in AUDIT_BACKUP_DIR)" })
  @ApiCreatedResponse({ type: BackupItemResponse })
  @ApiErrors([ErrorCode.Conflict, 'backups are off (AUDIT_BACKUP_DIR not set), or another backup of the log is running'])
  run(@Body() body: RunBackupDto, @CurrentOperator() operator: Operator): Promise<BackupItem> {
    const from = body.from ? parseTimestamp(body.from) : null;
    const to = body.to ? parseTimestamp(body.to) : null;
    return this.backups.runNow(body.log, from, to, operator);
  }

  @Get()
  @RequirePermissions([AUDIT_READ])
  @ApiOperation({ summary: 'The backups that exist, newest first' })
  @ApiOkResponse({ type: ApiItems(BackupItemResponse) })
  async list(@Query() query: ListBackupsDto, @CurrentOperator() operator: Operator): Promise<{ items: BackupItem[] }> {
    const items = await this.backups.list(query.log);
    await this.actions.record(operator, { entity: 'backup', entityId: '*', action: 'query', details: { log: query.log } });
    return { items };
  }
}
