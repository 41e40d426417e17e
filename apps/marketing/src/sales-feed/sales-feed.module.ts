import { Module } from '@nestjs/common';
import { InboxModule } from '@crm/inbox';
import { SalesFeedInbox } from './sales-feed.inbox.js';
import { SalesFeedRepository } from './sales-feed.repository.js';

/** Marketing: what marketing keeps of sales' events (opportunities, accounts) for ROI, plans and analysis. */
@Module({
  imports: [InboxModule.forFeature({ purpose: 'sales-feed', handlers: [SalesFeedInbox] })],
  providers: [SalesFeedInbox, SalesFeedRepository],
})
export class SalesFeedModule {}
