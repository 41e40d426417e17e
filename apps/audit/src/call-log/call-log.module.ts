import { Module } from '@nestjs/common';
import { AlertModule } from '../alert/alert.module.js';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { CallIngestService } from './call-ingest.service.js';
import { CallLogRepository } from './call-log.repository.js';
import { CallQueryController } from './call-query.controller.js';
import { CallQueryService } from './call-query.service.js';

/** The interface call log (SPEC §4.1): ingest from the broker, query over HTTP. */
@Module({
  imports: [OperatorAuthModule, IntegrityModule, AlertModule],
  controllers: [CallQueryController],
  providers: [CallLogRepository, CallIngestService, CallQueryService],
  exports: [CallLogRepository],
})
export class CallLogModule {}
