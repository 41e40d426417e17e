import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ACCOUNT_CREATED_V1,
  ACCOUNT_UPDATED_V1,
  OPPORTUNITY_CREATED_V1,
  OPPORTUNITY_LOST_V1,
  OPPORTUNITY_UPDATED_V1,
  OPPORTUNITY_WON_V1,
  SalesFeedAccountDto,
  SalesFeedOpportunityDto,
} from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { toAccountFact, toOpportunityFact } from './sales-feed.mapper.js';
import { SalesFeedRepository } from './sales-feed.repository.js';

/**
 * Keeps `sales_opportunity_fact` and `sales_account_fact` from sales' events (queue
 * `<ns>.marketing.in.sales-feed`). The inbox applies each eventId once; the upserts keep the
 * highest version, so a re-sent event under a new id, or events of one record arriving out of
 * order, change nothing twice.
 */
@Injectable()
export class SalesFeedInbox {
  constructor(@Inject(SalesFeedRepository) private readonly facts: SalesFeedRepository) {}

  @InboxHandler(OPPORTUNITY_CREATED_V1, SalesFeedOpportunityDto)
  opportunityCreated(e: InboxEvent<SalesFeedOpportunityDto>, m: EntityManager): Promise<void> {
    return this.facts.upsertOpportunity(m, toOpportunityFact(e.data, null, e.occurredAt));
  }

  @InboxHandler(OPPORTUNITY_UPDATED_V1, SalesFeedOpportunityDto)
  opportunityUpdated(e: InboxEvent<SalesFeedOpportunityDto>, m: EntityManager): Promise<void> {
    return this.facts.upsertOpportunity(m, toOpportunityFact(e.data, null, e.occurredAt));
  }

  @InboxHandler(OPPORTUNITY_WON_V1, SalesFeedOpportunityDto)
  opportunityWon(e: InboxEvent<SalesFeedOpportunityDto>, m: EntityManager): Promise<void> {
    return this.facts.upsertOpportunity(m, toOpportunityFact(e.data, 'won', e.occurredAt));
  }

  @InboxHandler(OPPORTUNITY_LOST_V1, SalesFeedOpportunityDto)
  opportunityLost(e: InboxEvent<SalesFeedOpportunityDto>, m: EntityManager): Promise<void> {
    return this.facts.upsertOpportunity(m, toOpportunityFact(e.data, 'lost', e.occurredAt));
  }

  @InboxHandler(ACCOUNT_CREATED_V1, SalesFeedAccountDto)
  accountCreated(e: InboxEvent<SalesFeedAccountDto>, m: EntityManager): Promise<void> {
    return this.facts.upsertAccount(m, toAccountFact(e.data));
  }

  @InboxHandler(ACCOUNT_UPDATED_V1, SalesFeedAccountDto)
  accountUpdated(e: InboxEvent<SalesFeedAccountDto>, m: EntityManager): Promise<void> {
    return this.facts.upsertAccount(m, toAccountFact(e.data));
  }
}
