import { Module } from '@nestjs/common';
import { CallLogRepository } from '../call-log/call-log.repository.js';
import { OperationLogRepository } from '../operation-log/operation-log.repository.js';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { CallDetailController } from './call-detail.controller.js';
import { CallDetailService } from './call-detail.service.js';

/** One call with everything recorded about it (reads both logs; owns no data). */
@Module({
  imports: [OperatorAuthModule],
  controllers: [CallDetailController],
  providers: [CallLogRepository, OperationLogRepository, CallDetailService],
})
export class CallDetailModule {}
