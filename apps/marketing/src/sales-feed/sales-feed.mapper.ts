import {
  DEFAULT_CURRENCY,
  formatMoney,
  money,
  type Decimal,
  type SalesFeedAccountDto,
  type SalesFeedOpportunityDto,
  type SalesOpportunityStatus,
} from '@crm/contracts';

/** One row of `sales_opportunity_fact` (and its lines), as an event describes the opportunity. */
export interface OpportunityFact {
  opportunityId: string;
  accountId: string | null;
  leadId: string | null;
  campaignId: string | null;
  industryCode: string | null;
  territoryId: string | null;
  ownerId: string | null;
  channel: string | null;
  amount: string;
  currency: string;
  status: SalesOpportunityStatus;
  competitorIds: string[];
  lostToCompetitorId: string | null;
  createdAt: Date;
  closedAt: Date | null;
  version: number;
  /** Product lines, when the event carries them (won / lost); null leaves the stored ones. */
  lines: Array<{ productId: string; amount: string }> | null;
}

export interface AccountFact {
  accountId: string;
  industryCode: string | null;
  regionCode: string | null;
  segment: string | null;
  ownerId: string | null;
  territoryId: string | null;
  createdAt: Date;
  version: number;
}

/**
 * The fact an opportunity event states. `won.v1` and `lost.v1` are won and lost whatever their
 * `status` says (closed at `closedAt`, else when the event occurred); created/updated events carry
 * the status (open when absent).
 */
export function toOpportunityFact(o: SalesFeedOpportunityDto, closing: 'won' | 'lost' | null, occurredAt: Date): OpportunityFact {
  const status: SalesOpportunityStatus = closing ?? o.status ?? 'open';
  const closedAt = o.closedAt ? new Date(o.closedAt) : status === 'open' ? null : occurredAt;
  return {
    opportunityId: o.opportunityId,
    accountId: o.accountId ?? null,
    leadId: o.leadId ?? null,
    campaignId: o.campaignId ?? null,
    industryCode: o.industryCode ?? null,
    territoryId: o.territoryId ?? null,
    ownerId: o.ownerId ?? null,
    channel: o.channel ?? null,
    amount: o.amount,
    currency: o.currency ?? DEFAULT_CURRENCY,
    status,
    competitorIds: [...new Set(o.competitorIds ?? [])],
    lostToCompetitorId: status === 'lost' ? (o.competitorId ?? null) : null,
    createdAt: new Date(o.createdAt),
    closedAt,
    version: o.version,
    lines: o.lines && o.lines.length ? mergeLines(o.lines) : null,
  };
}

/** One line per product (a product on two lines counts once, with both amounts added). */
function mergeLines(lines: Array<{ productId: string; amount: string }>): Array<{ productId: string; amount: string }> {
  const byProduct = new Map<string, Decimal>();
  for (const l of lines) byProduct.set(l.productId, (byProduct.get(l.productId) ?? money(0)).plus(money(l.amount)));
  return [...byProduct].map(([productId, amount]) => ({ productId, amount: formatMoney(amount) }));
}

export function toAccountFact(a: SalesFeedAccountDto): AccountFact {
  return {
    accountId: a.accountId,
    industryCode: a.industryCode ?? null,
    regionCode: a.regionCode ?? null,
    segment: a.segment ?? null,
    ownerId: a.ownerId ?? null,
    territoryId: a.territoryId ?? null,
    createdAt: new Date(a.createdAt),
    version: a.version,
  };
}
