import type { AssignmentRuleKind } from '@crm/contracts';

/**
 * Territory matching without I/O: which territory is the most specific for a record, and which
 * owner its rule picks. The repository loads the territories; these functions decide.
 */

/** A territory as matching sees it; `regionCode` is the effective one (its own, else its nearest ancestor's). */
export interface MatchableTerritory {
  id: string;
  regionCode: string | null;
  industryCodes: readonly string[];
  segments: readonly string[];
  priority: number;
  /** Final tie-break: the older territory wins, then the smaller id. */
  createdAt: Date;
}

export interface MatchInput {
  regionCode: string | null;
  industryCode: string | null;
  segment: string | null;
}

/** How specific a match is; compared field by field, larger first. */
export interface Specificity {
  /** 0 = the territory names no region, 1 province (`440000`), 2 city (`440300`), 3 county (`440305`). */
  region: number;
  /** Length of the longest matching industry code (`I6510` = 5, `I65` = 3, `I` = 1), 0 without criteria. */
  industry: number;
  /** 1 when the territory names segments (and the record's is among them), else 0. */
  segment: number;
}

/** GB/T 2260 level of a 6-digit code: `xx0000` province, `xxxx00` city (prefecture), else county. */
export function regionLevel(code: string): 1 | 2 | 3 {
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

/** The digits a code's descendants share: `44` for `440000`, `4403` for `440300`, all six for a county. */
export function regionPrefix(code: string): string {
  return code.slice(0, regionLevel(code) * 2);
}

/** True when `inner` is `outer` or lies under it (`440305` and `440300` lie under `440000`). */
export function regionWithin(inner: string, outer: string): boolean {
  return inner.startsWith(regionPrefix(outer)) && regionLevel(inner) >= regionLevel(outer);
}

/** How specifically `t` matches `input`, or null when it does not match at all. */
export function specificity(t: MatchableTerritory, input: MatchInput): Specificity | null {
  let region = 0;
  if (t.regionCode !== null) {
    if (input.regionCode === null || !regionWithin(input.regionCode, t.regionCode)) return null;
    region = regionLevel(t.regionCode);
  }
  let industry = 0;
  if (t.industryCodes.length) {
    const code = input.industryCode;
    if (code === null) return null;
    for (const prefix of t.industryCodes) if (code.startsWith(prefix)) industry = Math.max(industry, prefix.length);
    if (industry === 0) return null;
  }
  let segment = 0;
  if (t.segments.length) {
    if (input.segment === null || !t.segments.includes(input.segment)) return null;
    segment = 1;
  }
  return { region, industry, segment };
}

/** Negative when `a` should be chosen before `b`. */
function compare(a: { t: MatchableTerritory; s: Specificity }, b: { t: MatchableTerritory; s: Specificity }): number {
  return (
    b.s.region - a.s.region ||
    b.s.industry - a.s.industry ||
    b.s.segment - a.s.segment ||
    a.t.priority - b.t.priority ||
    a.t.createdAt.getTime() - b.t.createdAt.getTime() ||
    (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0)
  );
}

/**
 * The most specific matching territory: the deepest region match, then the longest industry
 * match, then a segment match, then the lower `priority` number.
 */
export function mostSpecific<T extends MatchableTerritory>(territories: readonly T[], input: MatchInput): T | null {
  let best: { t: T; s: Specificity } | null = null;
  for (const t of territories) {
    const s = specificity(t, input);
    if (s && (best === null || compare({ t, s }, best) < 0)) best = { t, s };
  }
  return best?.t ?? null;
}

/**
 * Effective region codes over the territory tree: a territory without a region code takes its
 * nearest ancestor's. A broken chain (cycle, missing parent) ends at null.
 */
export function effectiveRegions(
  rows: ReadonlyArray<{ id: string; parentId: string | null; regionCode: string | null }>,
): Map<string, string | null> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, string | null>();
  for (const r of rows) {
    let cur: (typeof rows)[number] | undefined = r;
    const seen = new Set<string>();
    while (cur && cur.regionCode === null && cur.parentId !== null && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.parentId);
    }
    out.set(r.id, cur?.regionCode ?? null);
  }
  return out;
}

/**
 * Round-robin: the first member after the last one assigned, in employee-ID order, wrapping
 * around. Keeping the last owner rather than a counter keeps the turn fair when members join or
 * leave: nobody is skipped or served twice because the list's length changed.
 */
export function nextRoundRobin(members: readonly string[], last: string | null): string | null {
  const sorted = [...new Set(members)].sort();
  if (sorted.length === 0) return null;
  if (last === null) return sorted[0]!;
  return sorted.find((e) => e > last) ?? sorted[0]!;
}

/**
 * Least-loaded: the member with the fewest open opportunities plus accounts owned; ties go to the
 * next member in round-robin order after `last`, so equal loads are still shared out in turn.
 */
export function leastLoaded(members: readonly string[], loads: ReadonlyMap<string, number>, last: string | null): string | null {
  const sorted = [...new Set(members)].sort();
  if (sorted.length === 0) return null;
  const min = Math.min(...sorted.map((e) => loads.get(e) ?? 0));
  return nextRoundRobin(
    sorted.filter((e) => (loads.get(e) ?? 0) === min),
    last,
  );
}

/** Who may own a record in a territory: the fixed owner, or the team's assignable members. */
export function eligibleOwners(kind: AssignmentRuleKind, fixedOwner: string | null, teamMembers: readonly string[]): string[] {
  switch (kind) {
    case 'fixed':
      return fixedOwner ? [fixedOwner] : [];
    case 'round-robin':
    case 'least-loaded':
      return [...teamMembers];
  }
}
