import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ANALYSIS_FEED,
  DEFAULT_CURRENCY,
  OpportunityClosedEventDto,
  OpportunityFactEventDto,
  OpportunityReassignedEventDto,
} from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import type { ViewChange } from './analysis-fact.js';
import { AnalysisFeedService } from './analysis-feed.service.js';

export function toViewChange(e: OpportunityFactEventDto, lines?: ViewChange['lines']): ViewChange {
  return {
    kind: 'view',
    opportunityId: e.opportunityId,
    version: e.version,
    ownerId: e.ownerId,
    territoryId: e.territoryId ?? null,
    channel: e.channel,
    industryCode: e.industryCode ?? null,
    pipelineId: e.pipelineId,
    stage: e.stage,
    status: e.status,
    amount: e.amount,
    probability: e.probability,
    currency: e.currency ?? DEFAULT_CURRENCY,
    closeDate: e.closeDate,
    createdAt: e.createdAt,
    closedAt: e.closedAt ?? null,
    ...(lines === undefined ? {} : { lines }),
  };
}

/** Sales' own opportunity events into the analysis facts and cube (queue `<ns>.sales.in.analysis`). */
@Injectable()
export class AnalysisInbox {
  constructor(@Inject(AnalysisFeedService) private readonly feed: AnalysisFeedService) {}

  @InboxHandler(ANALYSIS_FEED.created, OpportunityFactEventDto)
  async created(event: InboxEvent<OpportunityFactEventDto>, m: EntityManager): Promise<void> {
    await this.feed.apply(m, toViewChange(event.data));
  }

  @InboxHandler(ANALYSIS_FEED.updated, OpportunityFactEventDto)
  async updated(event: InboxEvent<OpportunityFactEventDto>, m: EntityManager): Promise<void> {
    await this.feed.apply(m, toViewChange(event.data));
  }

  @InboxHandler(ANALYSIS_FEED.won, OpportunityClosedEventDto)
  async won(event: InboxEvent<OpportunityClosedEventDto>, m: EntityManager): Promise<void> {
    await this.feed.apply(
      m,
      toViewChange(
        event.data,
        (event.data.lines ?? []).map((l) => ({ productId: l.productId, amount: l.amount })),
      ),
    );
  }

  @InboxHandler(ANALYSIS_FEED.lost, OpportunityClosedEventDto)
  async lost(event: InboxEvent<OpportunityClosedEventDto>, m: EntityManager): Promise<void> {
    await this.feed.apply(m, toViewChange(event.data));
  }

  @InboxHandler(ANALYSIS_FEED.reassigned, OpportunityReassignedEventDto)
  async reassigned(event: InboxEvent<OpportunityReassignedEventDto>, m: EntityManager): Promise<void> {
    const e = event.data;
    await this.feed.apply(m, {
      kind: 'reassigned',
      opportunityId: e.opportunityId,
      version: e.version,
      ownerId: e.ownerId,
      territoryId: e.territoryId ?? null,
    });
  }
}
