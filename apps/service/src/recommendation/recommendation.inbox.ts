import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ACCOUNT_CREATED_V1, ACCOUNT_UPDATED_V1, AccountProfileEventDto } from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { RecommendationRepository } from './recommendation.repository.js';

/** Keeps each account's industry and segment (queue `<ns>.service.in.recommendation-profiles`). */
@Injectable()
export class RecommendationProfileInbox {
  constructor(@Inject(RecommendationRepository) private readonly repo: RecommendationRepository) {}

  @InboxHandler(ACCOUNT_CREATED_V1, AccountProfileEventDto)
  created(event: InboxEvent<AccountProfileEventDto>, m: EntityManager): Promise<void> {
    return this.repo.upsertProfile(m, event.data);
  }

  @InboxHandler(ACCOUNT_UPDATED_V1, AccountProfileEventDto)
  updated(event: InboxEvent<AccountProfileEventDto>, m: EntityManager): Promise<void> {
    return this.repo.upsertProfile(m, event.data);
  }
}
