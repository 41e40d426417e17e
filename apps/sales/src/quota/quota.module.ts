import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { QuotaController } from './quota.controller.js';
import { QuotaRepository } from './quota.repository.js';
import { QuotaService } from './quota.service.js';

/** Sales: quotas per employee or team and period. */
@Module({
  imports: [OutboxModule],
  controllers: [QuotaController],
  providers: [QuotaRepository, QuotaService],
})
export class QuotaModule {}
