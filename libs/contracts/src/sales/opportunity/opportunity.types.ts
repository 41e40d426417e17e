/**
 * Opportunities (SPEC §6.2). Writes need `opportunity.write`, reads `opportunity.read`; each
 * employee sees only opportunities within their data scope (by `ownerId`), others are 4040 and
 * never listed. Amounts are money strings with 2 places plus `currency`.
 */
export const OPPORTUNITY_CHANNELS = ['field', 'phone', 'partner', 'online'] as const;
export type OpportunityChannel = (typeof OPPORTUNITY_CHANNELS)[number];

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

export const OPPORTUNITY_OUTCOMES = ['won', 'lost'] as const;
export type OpportunityOutcome = (typeof OPPORTUNITY_OUTCOMES)[number];

/** `YYYY-MM-DD`. */
export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** What other features consume (created/updated events, analysis). */
export interface OpportunityView {
  opportunityId: string;
  accountId: string;
  name: string;
  amount: string;
  currency: string;
  closeDate: string;
  pipelineId: string;
  stage: string;
  probability: number;
  status: OpportunityStatus;
  channel: OpportunityChannel;
  campaignId: string | null;
  leadId: string | null;
  partnerId: string | null;
  competitorIds: string[];
  ownerId: string;
  territoryId: string | null;
  industryCode: string | null;
  /** Why it was won or lost, and to whom (lost), once closed. */
  closeReason: string | null;
  lostToCompetitorId: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
}

/** One move of an opportunity between stages (its first entry has `fromStage: null`). */
export interface StageHistoryEntry {
  fromStage: string | null;
  toStage: string;
  pipelineId: string;
  probability: number;
  /** Employee ID of who moved it. */
  changedBy: string;
  changedAt: string;
  /** e.g. `created`, `updated`, `won`, `lost`, or the territory rule that placed it. */
  note: string | null;
}

/** `sales.opportunity.get.v1`: the opportunity with its stage history, oldest first. */
export interface OpportunityDetail extends OpportunityView {
  stageHistory: StageHistoryEntry[];
}

export interface OpportunityPage {
  items: OpportunityView[];
  nextCursor: string | null;
}
