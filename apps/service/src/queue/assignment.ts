import type { QueueStrategy } from '@crm/contracts';

export interface Candidate {
  employeeId: string;
  skills: readonly string[];
  capacity: number;
  /** Open cases the member owns now (all queues). */
  load: number;
}

export interface Pick {
  employeeId: string | null;
  /** Why: which strategy chose, or why no one could take the case. */
  reason: string;
}

/**
 * Picks the member who takes the next case (pure; the caller holds the queue's row lock, so two
 * cases never see the same loads and round-robin position):
 * - `round-robin`: the next member after `lastMemberId` in employee-ID order, skipping full ones;
 * - `least-busy`: the lowest load/capacity ratio, ties by round-robin order;
 * - `skills`: members holding every required skill, then least-busy among them.
 * A member at capacity never gets a case; no one eligible → null (the case waits in the queue).
 */
export function pickMember(
  strategy: QueueStrategy,
  members: readonly Candidate[],
  required: readonly string[],
  lastMemberId: string | null,
): Pick {
  const ordered = rotate(
    [...members].sort((a, b) => a.employeeId.localeCompare(b.employeeId)),
    lastMemberId,
  );
  const free = ordered.filter((m) => m.load < m.capacity);
  if (!members.length) return { employeeId: null, reason: 'queue has no members' };
  switch (strategy) {
    case 'round-robin':
      return free[0]
        ? { employeeId: free[0].employeeId, reason: 'round-robin' }
        : { employeeId: null, reason: 'every member is at capacity' };
    case 'least-busy':
      return leastBusy(free, 'least-busy');
    case 'skills': {
      const skilled = free.filter((m) => required.every((s) => m.skills.includes(s)));
      if (!skilled.length) return { employeeId: null, reason: `no free member has the skills ${required.join(', ') || '(none)'}` };
      return leastBusy(skilled, `skills (${required.join(', ') || 'none required'})`);
    }
  }
}

function leastBusy(free: readonly Candidate[], reason: string): Pick {
  let best: Candidate | null = null;
  // `free` is already in round-robin order: the first of equal ratios wins, so ties rotate.
  for (const m of free) if (!best || m.load / m.capacity < best.load / best.capacity) best = m;
  return best ? { employeeId: best.employeeId, reason } : { employeeId: null, reason: 'every member is at capacity' };
}

/** Members in order starting after `last` (wrapping round). */
function rotate(sorted: Candidate[], last: string | null): Candidate[] {
  if (!last) return sorted;
  const i = sorted.findIndex((m) => m.employeeId > last);
  return i <= 0 ? sorted : [...sorted.slice(i), ...sorted.slice(0, i)];
}

/** Skills a case needs in a queue: the queue's skills for its category plus the case's own. */
export function requiredSkills(
  categorySkills: Readonly<Record<string, readonly string[]>>,
  category: string,
  caseSkills: readonly string[],
): string[] {
  return [...new Set([...(categorySkills[category] ?? []), ...caseSkills])].sort();
}

export interface RoutableQueue {
  id: string;
  categories: readonly string[];
  channels: readonly string[];
  routingOrder: number;
  active: boolean;
}

/** The first active queue (by routing order) whose criteria the case meets; empty criteria match anything. */
export function routeCase(queues: readonly RoutableQueue[], c: { category: string; channel: string }): string | null {
  const match = [...queues]
    .filter((q) => q.active)
    .sort((a, b) => a.routingOrder - b.routingOrder)
    .find((q) => (!q.categories.length || q.categories.includes(c.category)) && (!q.channels.length || q.channels.includes(c.channel)));
  return match?.id ?? null;
}
