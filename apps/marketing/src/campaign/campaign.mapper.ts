import {
  CrmError,
  ErrorCode,
  formatMoney,
  money,
  type CampaignEventData,
  type CampaignFigures,
  type CampaignMemberView,
  type CampaignStepView,
  type CampaignView,
} from '@crm/contracts';
import type { CampaignMemberRow } from './campaign-member.repository.js';
import type { CampaignStepEntity } from './campaign-step.entity.js';
import type { CampaignEntity } from './campaign.entity.js';

/** The campaign's own fields: what its events carry and its operation-log entries diff. */
export function toCampaignEventData(c: CampaignEntity): CampaignEventData {
  return {
    campaignId: c.id,
    name: c.name,
    type: c.type,
    parentId: c.parentId,
    status: c.status,
    startDate: c.startDate,
    endDate: c.endDate,
    budget: formatMoney(money(c.budget)),
    expectedRevenue: formatMoney(money(c.expectedRevenue)),
    currency: c.currency,
    strategy: c.strategy,
    variant: c.variant,
    segment: c.segmentCriteria ? { criteria: c.segmentCriteria } : null,
    ownerId: c.ownerId,
    version: c.version,
  };
}

export function toCampaignView(c: CampaignEntity, figures: CampaignFigures): CampaignView {
  return {
    ...toCampaignEventData(c),
    description: c.description,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    ...figures,
  };
}

/** Due before `today` (YYYY-MM-DD, UTC) and not done or cancelled. */
export function isOverdue(s: Pick<CampaignStepEntity, 'dueDate' | 'status'>, today: string): boolean {
  return s.dueDate !== null && s.dueDate < today && (s.status === 'todo' || s.status === 'doing');
}

export function toStepView(s: CampaignStepEntity, currency: string, today: string): CampaignStepView {
  return {
    stepId: s.id,
    campaignId: s.campaignId,
    title: s.title,
    description: s.description,
    ownerId: s.ownerId,
    dueDate: s.dueDate,
    status: s.status,
    cost: formatMoney(money(s.cost)),
    currency,
    overdue: isOverdue(s, today),
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toMemberView(r: CampaignMemberRow): CampaignMemberView {
  return {
    campaignId: r.campaign_id,
    memberKind: r.member_kind,
    memberId: r.member_id,
    source: r.source,
    responseStatus: r.response_status,
    version: Number(r.version),
    addedAt: new Date(r.added_at).toISOString(),
    respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
  };
}

/** A 4220 naming one field, as the validation pipe reports them. */
export function invalid(field: string, reason: string): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field, reasons: [reason] }]);
}

/** Today's date in UTC, YYYY-MM-DD: the day steps fall overdue and plans measure progress against. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
