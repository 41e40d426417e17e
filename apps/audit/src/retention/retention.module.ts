import { Module } from '@nestjs/common';
import { IntegrityModule } from '../integrity/integrity.module.js';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { PurgeController } from './purge.controller.js';
import { PurgeService } from './purge.service.js';
import { RetentionDatabase } from './retention-database.js';
import { RetentionScheduler } from './retention.scheduler.js';

/** Purge by date and the retention policy (SPEC §4.3). */
@Module({
  imports: [OperatorAuthModule, IntegrityModule],
  controllers: [PurgeController],
  providers: [PurgeService, RetentionScheduler, RetentionDatabase],
})
export class RetentionModule {}
