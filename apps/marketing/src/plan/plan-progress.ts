import { Decimal, formatMoney, type PlanKpi, type PlanKpiProgress, type PlanKpiStatus, type PlanTargets } from '@crm/contracts';

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** Within ±5 % of what was expected by today is on track. */
export const ON_TRACK_BAND = new Decimal('0.05');

/**
 * The share of the period elapsed by the end of `asOf`: days elapsed (asOf included) over the
 * period's days (both ends included), between 0 and 1. A plan for 1–30 November is 0.5 on
 * 15 November, 1 from 30 November on, 0 before 1 November.
 */
export function elapsedShare(periodStart: string, periodEnd: string, asOf: string): Decimal {
  const total = days(periodStart, periodEnd) + 1;
  const elapsed = Math.min(Math.max(days(periodStart, asOf) + 1, 0), total);
  return new Decimal(elapsed).dividedBy(total);
}

/** The window the actuals count in: `[periodStart, min(periodEnd, asOf) + 1 day)`, UTC; null before the period. */
export function actualWindow(periodStart: string, periodEnd: string, asOf: string): { from: Date; to: Date } | null {
  const last = asOf < periodEnd ? asOf : periodEnd;
  if (last < periodStart) return null;
  return { from: new Date(`${periodStart}T00:00:00Z`), to: new Date(Date.parse(`${last}T00:00:00Z`) + DAY) };
}

/**
 * ahead / on-track / behind: the actual against what was expected by today, on track within
 * ±ON_TRACK_BAND of it. Nothing expected yet: ahead with anything done, else on track.
 */
export function statusOf(actual: Decimal, expected: Decimal): PlanKpiStatus {
  if (expected.isZero()) return actual.gt(0) ? 'ahead' : 'on-track';
  const ratio = actual.dividedBy(expected);
  if (ratio.gte(new Decimal(1).plus(ON_TRACK_BAND))) return 'ahead';
  if (ratio.gte(new Decimal(1).minus(ON_TRACK_BAND))) return 'on-track';
  return 'behind';
}

/** Actual values measured for a plan: counts, won revenue (decimal string) and closed won/lost counts. */
export interface PlanActuals {
  leads: number;
  convertedLeads: number;
  opportunities: number;
  wonRevenue: string;
  newAccounts: number;
  won: number;
  lost: number;
}

const rate = (d: Decimal) => d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);

/**
 * Each targeted KPI's progress, in the order of PLAN_KPIS. Cumulative KPIs (counts, won revenue)
 * are expected to grow linearly over the period: expectedByToday = target × elapsed share (counts
 * with 2 places, money with 2). A rate (winRate = won / (won + lost) closed in the period) is not
 * cumulative: it is expected to be at its target all along; with nothing closed yet its actual is
 * null and it counts as on track.
 */
export function kpiProgress(targets: PlanTargets, actuals: PlanActuals, share: Decimal): PlanKpiProgress[] {
  const out: PlanKpiProgress[] = [];
  const count = (kpi: Exclude<PlanKpi, 'wonRevenue' | 'winRate'>) => {
    const target = targets[kpi];
    if (target === undefined) return;
    const expected = new Decimal(target).times(share).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    out.push({
      kpi,
      target,
      actual: actuals[kpi],
      expectedByToday: expected.toNumber(),
      status: statusOf(new Decimal(actuals[kpi]), expected),
    });
  };
  count('leads');
  count('convertedLeads');
  count('opportunities');
  if (targets.wonRevenue !== undefined) {
    const expected = new Decimal(targets.wonRevenue).times(share).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    out.push({
      kpi: 'wonRevenue',
      target: formatMoney(new Decimal(targets.wonRevenue)),
      actual: formatMoney(new Decimal(actuals.wonRevenue)),
      expectedByToday: formatMoney(expected),
      status: statusOf(new Decimal(actuals.wonRevenue), expected),
    });
  }
  count('newAccounts');
  if (targets.winRate !== undefined) {
    const target = new Decimal(targets.winRate);
    const closed = actuals.won + actuals.lost;
    const actual = closed > 0 ? new Decimal(actuals.won).dividedBy(closed) : null;
    out.push({
      kpi: 'winRate',
      target: rate(target),
      actual: actual === null ? null : rate(actual),
      expectedByToday: rate(target),
      status: actual === null ? 'on-track' : statusOf(actual.toDecimalPlaces(4, Decimal.ROUND_HALF_UP), target),
    });
  }
  return out;
}
