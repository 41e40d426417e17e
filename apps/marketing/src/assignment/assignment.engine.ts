import type { AssignmentConditions, AssignmentStrategy } from '@crm/contracts';

/** A rule as the engine needs it. */
export interface AssignmentRuleDef {
  id: string;
  priority: number;
  when: AssignmentConditions | null;
  strategy: AssignmentStrategy;
  ownerId: string | null;
  members: readonly string[];
}

/** The new lead's fields rules look at. */
export interface AssignmentSubject {
  regionCode: string | null;
  industryCode: string | null;
  source: string;
  segment: string | null;
}

/**
 * The rule that assigns a new lead: the first enabled rule, by priority (lowest first; stored
 * priorities are unique, rules of one priority would keep the order given), whose conditions all
 * hold; null when none does.
 */
export function matchRule<R extends AssignmentRuleDef>(lead: AssignmentSubject, rules: readonly R[]): R | null {
  const ordered = rules.map((r, i) => ({ r, i })).sort((a, b) => a.r.priority - b.r.priority || a.i - b.i);
  return ordered.find(({ r }) => holds(lead, r.when))?.r ?? null;
}

function holds(lead: AssignmentSubject, when: AssignmentConditions | null): boolean {
  if (!when) return true;
  if (when.regionCode !== undefined && !lead.regionCode?.startsWith(when.regionCode)) return false;
  if (when.industryCode !== undefined && !lead.industryCode?.startsWith(when.industryCode)) return false;
  if (when.source !== undefined && !when.source.includes(lead.source as never)) return false;
  if (when.segment !== undefined && (lead.segment === null || !when.segment.includes(lead.segment))) return false;
  return true;
}

/**
 * Round-robin: the rule's counter is taken under its row lock (each capture gets its own `ticket`
 * 1, 2, 3 …), so concurrent captures on any replica get consecutive members in the listed order.
 */
export function roundRobinPick(members: readonly string[], ticket: number): string {
  if (members.length === 0) throw new Error('a round-robin rule needs members');
  return members[(((ticket - 1) % members.length) + members.length) % members.length]!;
}

/** Least-loaded: the member with the fewest open leads; a tie goes to the one listed first. */
export function leastLoadedPick(members: readonly string[], openLeads: ReadonlyMap<string, number>): string {
  if (members.length === 0) throw new Error('a least-loaded rule needs members');
  let best = members[0]!;
  for (const m of members) if ((openLeads.get(m) ?? 0) < (openLeads.get(best) ?? 0)) best = m;
  return best;
}
