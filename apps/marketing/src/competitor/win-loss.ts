import { Decimal, money } from '@crm/contracts';

/** One sales opportunity as marketing keeps it (`sales_opportunity_fact`, the columns win/loss needs). */
export interface OpportunityFact {
  opportunityId: string;
  status: 'open' | 'won' | 'lost';
  amount: Decimal;
  currency: string;
  competitorIds: string[];
  lostToCompetitorId: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

/** `[from, to)`; an absent bound is open. */
export interface Period {
  from?: Date;
  to?: Date;
}

export function inPeriod(at: Date | null, p: Period): boolean {
  if (!at) return false;
  if (p.from && at.getTime() < p.from.getTime()) return false;
  if (p.to && at.getTime() >= p.to.getTime()) return false;
  return true;
}

/** n / d to 4 places (half-up), null when there is nothing to divide by. */
export function ratio(n: number, d: number): string | null {
  return d === 0 ? null : new Decimal(n).div(d).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

export interface WinLossTally {
  /** Created in the period, naming the competitor (or lost to it). */
  met: number;
  /** Closed in the period, naming the competitor (or lost to it). */
  won: number;
  lost: number;
  /** Of `lost`: those lost to this competitor. */
  lostTo: number;
  /** Sum of the amounts lost to it, in the analysis currency. */
  amountLost: Decimal;
  /** Opportunities lost to it in another currency (counted, not summed). */
  otherCurrencyLost: number;
}

export function emptyTally(): WinLossTally {
  return { met: 0, won: 0, lost: 0, lostTo: 0, amountLost: new Decimal(0), otherCurrencyLost: 0 };
}

/** The competitors an opportunity met: those it names plus the one it was lost to. */
export function competitorsOf(f: OpportunityFact): Set<string> {
  const ids = new Set(f.competitorIds);
  if (f.lostToCompetitorId) ids.add(f.lostToCompetitorId);
  return ids;
}

/**
 * Win/loss per competitor (SPEC §6.1 `marketing.competitor.analysis.v1`), the pure arithmetic:
 * met by `createdAt` in the period, won/lost by `closedAt` in the period. `only` limits the
 * competitors tallied (absent: every competitor any fact names).
 */
export function tallyWinLoss(
  facts: Iterable<OpportunityFact>,
  period: Period,
  currency: string,
  only?: readonly string[],
): Map<string, WinLossTally> {
  const out = new Map<string, WinLossTally>((only ?? []).map((id) => [id, emptyTally()]));
  const wanted = only ? new Set(only) : null;
  for (const f of facts) {
    const met = inPeriod(f.createdAt, period);
    const closed = f.status !== 'open' && inPeriod(f.closedAt, period);
    if (!met && !closed) continue;
    for (const id of competitorsOf(f)) {
      if (wanted && !wanted.has(id)) continue;
      let t = out.get(id);
      if (!t) out.set(id, (t = emptyTally()));
      if (met) t.met++;
      if (!closed) continue;
      if (f.status === 'won') t.won++;
      else {
        t.lost++;
        if (f.lostToCompetitorId === id) {
          t.lostTo++;
          if (f.currency === currency) t.amountLost = t.amountLost.plus(f.amount);
          else t.otherCurrencyLost++;
        }
      }
    }
  }
  return out;
}

/** A fact row as mysql2 returns it (DECIMAL as text, JSON as text or parsed). */
export interface OpportunityFactRow {
  opportunity_id: string;
  status: string;
  amount: string | number | null;
  currency: string | null;
  competitor_ids: unknown;
  lost_to_competitor_id: string | null;
  created_at: Date | string;
  closed_at: Date | string | null;
}

export function toOpportunityFact(r: OpportunityFactRow): OpportunityFact {
  let ids: unknown = r.competitor_ids;
  if (typeof ids === 'string') {
    try {
      ids = JSON.parse(ids);
    } catch {
      ids = [];
    }
  }
  const status = r.status === 'won' || r.status === 'lost' ? r.status : 'open';
  return {
    opportunityId: r.opportunity_id,
    status,
    amount: money(r.amount ?? 0),
    currency: r.currency ?? 'CNY',
    competitorIds: Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [],
    lostToCompetitorId: r.lost_to_competitor_id,
    createdAt: new Date(r.created_at),
    closedAt: r.closed_at === null ? null : new Date(r.closed_at),
  };
}
