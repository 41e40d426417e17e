import { Module } from '@nestjs/common';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { ExportController } from './export.controller.js';
import { ExportService } from './export.service.js';

/** Streamed exports of the audit logs (SPEC §4.3). */
@Module({
  imports: [OperatorAuthModule],
  controllers: [ExportController],
  providers: [ExportService],
})
export class ExportModule {}
