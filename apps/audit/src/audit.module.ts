import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from '@crm/outbox';
import { createPingController, RuntimeModule } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from './audit.config.js';
import { AlertSchema1763881300000 } from './alert/1763881300000-alert.migration.js';
import { AlertCursor1766200000000 } from './alert/1766200000000-alert-cursor.migration.js';
import { AlertEntity } from './alert/alert.entity.js';
import { AlertModule } from './alert/alert.module.js';
import { CallLogSchema1763880500000 } from './call-log/1763880500000-call-log.migration.js';
import { CallFingerprint1763881450000 } from './call-log/1763881450000-call-fingerprint.migration.js';
import { CallTrace1765100000000 } from './call-log/1765100000000-call-trace.migration.js';
import { CallTimeIndexCovering1763881461400 } from './call-log/1763881461400-call-time-index-covering.migration.js';
import { CallLogEntity } from './call-log/call-log.entity.js';
import { CallDetailModule } from './call-detail/call-detail.module.js';
import { CallLogModule } from './call-log/call-log.module.js';
import { AuditIntegrity1763881200000 } from './integrity/1763881200000-audit-integrity.migration.js';
import { BackupModule } from './backup/backup.module.js';
import { ExportModule } from './export/export.module.js';
import { IntegrityModule } from './integrity/integrity.module.js';
import { setMigrationConfig } from './integrity/migration-context.js';
import { ConsoleModule } from './console/console.module.js';
import { OperationLogSchema1763880600000 } from './operation-log/1763880600000-operation-log.migration.js';
import { OperationLogEntity } from './operation-log/operation-log.entity.js';
import { OperationLogModule } from './operation-log/operation-log.module.js';
import { RetentionModule } from './retention/retention.module.js';

/** The audit app's schema, listed explicitly (no globs). */
export const AUDIT_ENTITIES = [CallLogEntity, OperationLogEntity, AlertEntity, ...OUTBOX_ENTITIES];
export const AUDIT_MIGRATIONS = [
  CallLogSchema1763880500000,
  OperationLogSchema1763880600000,
  AuditIntegrity1763881200000,
  AlertSchema1763881300000,
  CallFingerprint1763881450000,
  CallTimeIndexCovering1763881461400,
  ...OUTBOX_MIGRATIONS,
  CallTrace1765100000000,
  AlertCursor1766200000000,
];

/** The audit app: stores every call event and answers operators' queries (SPEC §4). */
@Module({})
export class AuditModule {
  static register(config: CrmConfig, audit: AuditConfig): DynamicModule {
    setMigrationConfig(config);
    return {
      module: AuditModule,
      imports: [
        RuntimeModule.forApp({
          app: 'audit',
          config,
          appConfig: { token: AUDIT_CONFIG, value: audit },
          entities: AUDIT_ENTITIES,
          migrations: AUDIT_MIGRATIONS,
        }),
        CallLogModule,
        OperationLogModule,
        IntegrityModule,
        ExportModule,
        BackupModule,
        RetentionModule,
        AlertModule,
        CallDetailModule,
        ConsoleModule,
      ],
      controllers: [createPingController('audit')],
    };
  }
}
