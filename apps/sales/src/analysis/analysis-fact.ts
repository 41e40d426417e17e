import { Decimal, money, type AnalysisChannel, type AnalysisOpportunityStatus } from '@crm/contracts';

/** The cube row that sums every owner's figures, so a caller with scope `all` reads a few rows. */
export const ALL_OWNERS = '*';

export interface FactLine {
  productId: string;
  amount: string;
}

/**
 * Analysis' copy of one opportunity (table `analysis_opportunity`): the dimensions it groups by and
 * the figures it sums. Two groups of fields move forward independently, each with the version that
 * last set it: the view (`version`, every field) and the placement (`ownerVersion`: owner and
 * territory, which `reassigned` also moves). `version` 0 is a row that so far knows only a
 * reassignment: it contributes nothing until its view arrives.
 */
export interface OpportunityFact {
  id: string;
  version: number;
  ownerVersion: number;
  ownerId: string;
  territoryId: string | null;
  channel: AnalysisChannel | '';
  industryCode: string | null;
  pipelineId: string;
  stage: string;
  status: AnalysisOpportunityStatus | '';
  amount: string;
  probability: number;
  currency: string;
  /** Expected close date `YYYY-MM-DD`. */
  closeDate: string | null;
  /** ISO-8601 instants. */
  createdAt: string | null;
  closedAt: string | null;
  /** Net amounts of the accepted quote's lines, one per product (won events carry them). */
  lines: FactLine[];
}

/** An opportunity view from created/updated/won/lost; `lines` only when the event carries them. */
export interface ViewChange {
  kind: 'view';
  opportunityId: string;
  version: number;
  ownerId: string;
  territoryId: string | null;
  channel: AnalysisChannel;
  industryCode: string | null;
  pipelineId: string;
  stage: string;
  status: AnalysisOpportunityStatus;
  amount: string;
  probability: number;
  currency: string;
  closeDate: string;
  createdAt: string;
  closedAt: string | null;
  lines?: FactLine[];
}

export interface ReassignChange {
  kind: 'reassigned';
  opportunityId: string;
  version: number;
  ownerId: string;
  territoryId: string | null;
}

export type FactChange = ViewChange | ReassignChange;

/**
 * The fact after `change`, or null when the change is not newer than what the row holds (a
 * redelivery, or an older version arriving after a newer one: replicas, retries).
 */
export function nextFact(old: OpportunityFact | null, change: FactChange): OpportunityFact | null {
  const version = old?.version ?? 0;
  const ownerVersion = old?.ownerVersion ?? 0;
  if (change.kind === 'reassigned') {
    if (change.version <= ownerVersion) return null;
    const base = old ?? stub(change.opportunityId);
    return { ...base, ownerId: change.ownerId, territoryId: change.territoryId, ownerVersion: change.version };
  }
  if (change.version <= version) return null;
  const placementIsNewer = change.version > ownerVersion;
  return {
    id: change.opportunityId,
    version: change.version,
    ownerVersion: placementIsNewer ? change.version : ownerVersion,
    ownerId: placementIsNewer ? change.ownerId : old!.ownerId,
    territoryId: placementIsNewer ? change.territoryId : old!.territoryId,
    channel: change.channel,
    industryCode: change.industryCode,
    pipelineId: change.pipelineId,
    stage: change.stage,
    status: change.status,
    amount: change.amount,
    probability: change.probability,
    currency: change.currency,
    closeDate: change.closeDate,
    createdAt: change.createdAt,
    closedAt: change.closedAt,
    lines: change.lines !== undefined ? byProduct(change.lines) : (old?.lines ?? []),
  };
}

function stub(id: string): OpportunityFact {
  return {
    id,
    version: 0,
    ownerVersion: 0,
    ownerId: '',
    territoryId: null,
    channel: '',
    industryCode: null,
    pipelineId: '',
    stage: '',
    status: '',
    amount: '0.00',
    probability: 0,
    currency: '',
    closeDate: null,
    createdAt: null,
    closedAt: null,
    lines: [],
  };
}

/** One line per product (a quote may price a product on several lines), in product order. */
export function byProduct(lines: readonly FactLine[]): FactLine[] {
  const sums = new Map<string, Decimal>();
  for (const l of lines) sums.set(l.productId, (sums.get(l.productId) ?? new Decimal(0)).plus(money(l.amount)));
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([productId, s]) => ({ productId, amount: s.toFixed(2) }));
}

/** Which figures a cube row holds: open pipeline by expected close month, closed by the month closed, won lines by product. */
export type CubeKind = 'open' | 'closed' | 'product';
/** The dimension a cube row groups by; `base` rows (value '') serve owner, team and channel grouping and the totals. */
export type CubeDim = 'base' | 'stage' | 'territory' | 'industry' | 'product';

export interface CubeKey {
  kind: CubeKind;
  dim: CubeDim;
  ownerId: string;
  /** First day of the month, `YYYY-MM-01` (UTC). */
  month: string;
  currency: string;
  pipelineId: string;
  channel: string;
  value: string;
}

export interface CubeMeasures {
  oppCount: number;
  amount: Decimal;
  /** Σ amount × probability / 100, exact (4 places). */
  weighted: Decimal;
  wonCount: number;
  wonAmount: Decimal;
  lostCount: number;
  /** Σ calendar days from created to closed, over the won ones. */
  cycleDays: number;
}

export type CubeRow = CubeKey & CubeMeasures;

export const CUBE_KEY_FIELDS = ['kind', 'dim', 'ownerId', 'month', 'currency', 'pipelineId', 'channel', 'value'] as const;

export function cubeKeyString(k: CubeKey): string {
  return CUBE_KEY_FIELDS.map((f) => k[f]).join('|');
}

export function zeroMeasures(): CubeMeasures {
  return {
    oppCount: 0,
    amount: new Decimal(0),
    weighted: new Decimal(0),
    wonCount: 0,
    wonAmount: new Decimal(0),
    lostCount: 0,
    cycleDays: 0,
  };
}

export function isZero(m: CubeMeasures): boolean {
  return (
    m.oppCount === 0 &&
    m.wonCount === 0 &&
    m.lostCount === 0 &&
    m.cycleDays === 0 &&
    m.amount.isZero() &&
    m.weighted.isZero() &&
    m.wonAmount.isZero()
  );
}

function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The UTC calendar day of an ISO instant (or a `YYYY-MM-DD` date itself). */
export function utcDay(isoOrDate: string): string {
  return isoOrDate.length === 10 ? isoOrDate : new Date(isoOrDate).toISOString().slice(0, 10);
}

function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
}

/**
 * What one opportunity adds to the cube. The verify recomputation (`AnalysisRepository.recompute`)
 * is the same definition in SQL; the two must agree row for row.
 * - open: 1, amount, amount × probability / 100, in the month of the expected close date;
 * - won/lost: in the month it closed (UTC; the expected close date if no closing time is known):
 *   1 and amount; won adds won 1, won amount, and the days from created to closed; lost adds lost 1;
 * - won also by product: each product of its lines (1, line amount), and what the lines leave of
 *   the amount (value '': no accepted quote, or a quote that does not add up to the amount).
 * Each contribution is made for the owner and for `*` (all owners).
 */
export function contributionsOf(f: OpportunityFact | null): CubeRow[] {
  if (!f || f.version === 0 || f.status === '' || f.closeDate === null) return [];
  const amount = money(f.amount);
  const rows: CubeRow[] = [];
  const common = { currency: f.currency, pipelineId: f.pipelineId, channel: f.channel };
  const dims: Array<[CubeDim, string]> = [
    ['base', ''],
    ['stage', f.stage],
    ['territory', f.territoryId ?? ''],
    ['industry', f.industryCode ?? ''],
  ];
  const add = (kind: CubeKind, dim: CubeDim, value: string, month: string, m: Partial<CubeMeasures>) => {
    for (const ownerId of [f.ownerId, ALL_OWNERS]) rows.push({ kind, dim, ownerId, month, value, ...common, ...zeroMeasures(), ...m });
  };
  if (f.status === 'open') {
    const month = monthOf(f.closeDate);
    const weighted = amount.times(f.probability).dividedBy(100);
    for (const [dim, value] of dims) add('open', dim, value, month, { oppCount: 1, amount, weighted });
    return rows;
  }
  const closedDay = utcDay(f.closedAt ?? f.closeDate);
  const month = monthOf(closedDay);
  const won = f.status === 'won';
  const cycleDays = won && f.createdAt ? dayNumber(closedDay) - dayNumber(utcDay(f.createdAt)) : 0;
  const closed: Partial<CubeMeasures> = won
    ? { oppCount: 1, amount, wonCount: 1, wonAmount: amount, cycleDays }
    : { oppCount: 1, amount, lostCount: 1 };
  for (const [dim, value] of dims) add('closed', dim, value, month, closed);
  if (won) {
    let allocated = new Decimal(0);
    for (const l of f.lines) {
      const lineAmount = money(l.amount);
      allocated = allocated.plus(lineAmount);
      add('product', 'product', l.productId, month, { oppCount: 1, wonAmount: lineAmount });
    }
    const rest = amount.minus(allocated);
    if (!rest.isZero()) add('product', 'product', '', month, { oppCount: 1, wonAmount: rest });
  }
  return rows;
}

/**
 * The change to the cube when a fact moves from `before` to `after`: the old contribution taken
 * away, the new one added, keys whose figures do not change dropped. Sorted by key, so concurrent
 * writers lock the shared `*` rows in one order.
 */
export function cubeDelta(before: OpportunityFact | null, after: OpportunityFact | null): CubeRow[] {
  const sums = new Map<string, CubeRow>();
  const put = (r: CubeRow, sign: 1 | -1) => {
    const k = cubeKeyString(r);
    const cur = sums.get(k) ?? { ...r, ...zeroMeasures() };
    sums.set(k, {
      ...cur,
      oppCount: cur.oppCount + sign * r.oppCount,
      amount: cur.amount.plus(r.amount.times(sign)),
      weighted: cur.weighted.plus(r.weighted.times(sign)),
      wonCount: cur.wonCount + sign * r.wonCount,
      wonAmount: cur.wonAmount.plus(r.wonAmount.times(sign)),
      lostCount: cur.lostCount + sign * r.lostCount,
      cycleDays: cur.cycleDays + sign * r.cycleDays,
    });
  };
  for (const r of contributionsOf(before)) put(r, -1);
  for (const r of contributionsOf(after)) put(r, 1);
  return [...sums.entries()]
    .filter(([, r]) => !isZero(r))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}
