import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { QuoteController } from './quote.controller.js';
import { QuoteRepository } from './quote.repository.js';
import { QuoteService } from './quote.service.js';

/** Sales: quotes (ProductPricing comes from the global ProductModule). */
@Module({
  imports: [OutboxModule],
  controllers: [QuoteController],
  providers: [QuoteRepository, QuoteService],
})
export class QuoteModule {}
