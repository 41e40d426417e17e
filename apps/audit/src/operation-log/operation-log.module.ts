import { Module } from '@nestjs/common';
import { AlertModule } from '../alert/alert.module.js';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { OperationIngestService } from './operation-ingest.service.js';
import { OperationLogRepository } from './operation-log.repository.js';
import { OperationQueryController } from './operation-query.controller.js';
import { OperationQueryService } from './operation-query.service.js';

/** The operation log (SPEC §4.2): ingest from the broker, query over HTTP. */
@Module({
  imports: [OperatorAuthModule, IntegrityModule, AlertModule],
  controllers: [OperationQueryController],
  providers: [OperationLogRepository, OperationIngestService, OperationQueryService],
  exports: [OperationLogRepository],
})
export class OperationLogModule {}
