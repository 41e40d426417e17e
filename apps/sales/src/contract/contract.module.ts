import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { ContractController } from './contract.controller.js';
import { ContractRenewalJob } from './contract-renewal.job.js';
import { ContractRepository } from './contract.repository.js';
import { ContractService } from './contract.service.js';

/** Sales: contracts, and the schedule that sends their renewal notices and expires them. */
@Module({
  imports: [OutboxModule],
  controllers: [ContractController],
  providers: [ContractRepository, ContractService, ContractRenewalJob],
})
export class ContractModule {}
