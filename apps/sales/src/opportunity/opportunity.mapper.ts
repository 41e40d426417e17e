import type { OpportunityView, PipelineView, StageHistoryEntry } from '@crm/contracts';
import { formatMoney, money } from '@crm/contracts';
import type { OpportunityEntity } from './opportunity.entity.js';
import type { PipelineEntity } from './pipeline.entity.js';
import type { StageHistoryEntity } from './stage-history.entity.js';

export function toOpportunityView(o: OpportunityEntity): OpportunityView {
  return {
    opportunityId: o.id,
    accountId: o.accountId,
    name: o.name,
    amount: formatMoney(money(o.amount)),
    currency: o.currency,
    closeDate: o.closeDate,
    pipelineId: o.pipelineId,
    stage: o.stage,
    probability: o.probability,
    status: o.status,
    channel: o.channel,
    campaignId: o.campaignId,
    leadId: o.leadId,
    partnerId: o.partnerId,
    competitorIds: [...o.competitorIds],
    ownerId: o.ownerId,
    territoryId: o.territoryId,
    industryCode: o.industryCode,
    closeReason: o.closeReason,
    lostToCompetitorId: o.lostToCompetitorId,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    closedAt: o.closedAt ? o.closedAt.toISOString() : null,
    version: o.version,
  };
}

export function toStageHistoryEntry(h: StageHistoryEntity): StageHistoryEntry {
  return {
    fromStage: h.fromStage,
    toStage: h.toStage,
    pipelineId: h.pipelineId,
    probability: h.probability,
    changedBy: h.changedBy,
    changedAt: h.changedAt.toISOString(),
    note: h.note,
  };
}

export function toPipelineView(p: PipelineEntity): PipelineView {
  return {
    pipelineId: p.id,
    name: p.name,
    description: p.description,
    stages: p.stages.map((s) => ({ ...s })),
    isDefault: p.isDefault,
    channels: [...p.channels],
    active: p.active,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
