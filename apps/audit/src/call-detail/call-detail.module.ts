import { Module } from '@nestjs/common';
import { CallLogModule } from '../call-log/call-log.module.js';
import { OperationLogModule } from '../operation-log/operation-log.module.js';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { CallDetailController } from './call-detail.controller.js';
import { CallDetailService } from './call-detail.service.js';

/** One call with everything recorded about it (reads both logs; owns no data). */
@Module({
  imports: [OperatorAuthModule, CallLogModule, OperationLogModule],
  controllers: [CallDetailController],
  providers: [CallDetailService],
})
export class CallDetailModule {}
