import { Module } from '@nestjs/common';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { BackupController } from './backup.controller.js';
import { BackupService } from './backup.service.js';

/** Backups of the audit logs to AUDIT_BACKUP_DIR (SPEC §4.3). */
@Module({
  imports: [OperatorAuthModule],
  controllers: [BackupController],
  providers: [BackupService],
})
export class BackupModule {}
