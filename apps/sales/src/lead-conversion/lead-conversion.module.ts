import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { AccountModule } from '../account/account.module.js';
import { OpportunityModule } from '../opportunity/opportunity.module.js';
import { LeadConversionController } from './lead-conversion.controller.js';
import { LeadConversionRepository } from './lead-conversion.repository.js';
import { LeadConversionService } from './lead-conversion.service.js';

/** Sales: applying marketing's lead conversions (account, contact, opportunity), once per lead. */
@Module({
  imports: [OutboxModule, AccountModule, OpportunityModule],
  controllers: [LeadConversionController],
  providers: [LeadConversionRepository, LeadConversionService],
})
export class LeadConversionModule {}
