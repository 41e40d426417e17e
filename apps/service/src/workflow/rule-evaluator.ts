import type { WorkflowAction, WorkflowCondition, WorkflowTrigger } from '@crm/contracts';

/** A rule as evaluated: the current version of an active rule. */
export interface RuleSnapshot {
  ruleId: string;
  version: number;
  name: string;
  trigger: WorkflowTrigger;
  conditions: readonly WorkflowCondition[];
  actions: readonly WorkflowAction[];
  order: number;
}

/** What conditions read of a case (and of the trigger: `slaTarget` on SLA triggers). */
export interface CaseFacts {
  priority: string;
  category: string;
  channel: string;
  status: string;
  accountId: string | null;
  subject: string;
  description: string;
  queueId: string | null;
  ownerId: string | null;
  escalationLevel: number;
  orderNo: string | null;
  slaTarget?: string | null;
  attributes: Readonly<Record<string, string>>;
}

const PRIORITY_RANK: Readonly<Record<string, number>> = { low: 1, normal: 2, high: 3, urgent: 4 };

function factOf(facts: CaseFacts, field: string): unknown {
  if (field.startsWith('attributes.')) return facts.attributes[field.slice('attributes.'.length)] ?? null;
  return (facts as unknown as Record<string, unknown>)[field] ?? null;
}

/** Priorities compare by rank (urgent ≥ high), numbers as numbers, the rest as text. */
function compare(field: string, a: unknown, b: unknown): number | null {
  if (a === null || a === undefined) return null;
  if (field === 'priority') {
    const x = PRIORITY_RANK[String(a)];
    const y = PRIORITY_RANK[String(b)];
    return x === undefined || y === undefined ? null : x - y;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    return Number.isNaN(x) || Number.isNaN(y) ? null : x - y;
  }
  return String(a).localeCompare(String(b));
}

export function conditionHolds(c: WorkflowCondition, facts: CaseFacts): boolean {
  const actual = factOf(facts, c.field);
  switch (c.op) {
    case 'eq':
      return actual !== null && String(actual) === String(c.value);
    case 'in':
      return actual !== null && (Array.isArray(c.value) ? c.value : [c.value]).some((v) => String(v) === String(actual));
    case 'gte': {
      const d = compare(c.field, actual, c.value);
      return d !== null && d >= 0;
    }
    case 'lte': {
      const d = compare(c.field, actual, c.value);
      return d !== null && d <= 0;
    }
    case 'contains':
      return actual !== null && String(actual).toLowerCase().includes(String(c.value).toLowerCase());
  }
}

/** All conditions hold (no conditions: always). */
export function ruleMatches(rule: Pick<RuleSnapshot, 'conditions'>, facts: CaseFacts): boolean {
  return rule.conditions.every((c) => conditionHolds(c, facts));
}

/**
 * What a rule's actions change in the facts, as far as later conditions can see before the
 * actions run for real (an escalation's target queue without `queueId` is only known then).
 */
export function simulate(facts: CaseFacts, actions: readonly WorkflowAction[]): { facts: CaseFacts; changed: string[] } {
  let next: CaseFacts = { ...facts, attributes: { ...facts.attributes } };
  const changed = new Set<string>();
  const set = (field: string, value: unknown) => {
    if (factOf(next, field) === value) return;
    if (field.startsWith('attributes.')) next.attributes = { ...next.attributes, [field.slice(11)]: String(value) };
    else next = { ...next, [field]: value };
    changed.add(field);
  };
  for (const a of actions) {
    switch (a.type) {
      case 'assign-queue':
        set('queueId', a.queueId ?? null);
        break;
      case 'assign-agent':
        set('ownerId', a.agentId ?? null);
        break;
      case 'set-priority':
        set('priority', a.priority);
        break;
      case 'set-field':
        if (a.field) set(a.field, a.value ?? '');
        break;
      case 'escalate':
        set('escalationLevel', next.escalationLevel + 1);
        if (a.queueId) set('queueId', a.queueId);
        break;
      case 'notify':
      case 'add-watcher':
        break;
    }
  }
  return { facts: next, changed: [...changed] };
}

export interface RuleApplication {
  rule: RuleSnapshot;
  /** The trigger it ran under: the chain's own, or `case-updated` caused by earlier rules. */
  trigger: WorkflowTrigger;
  depth: number;
}

export interface ChainLimits {
  /** Rounds of `case-updated` caused by rules' own changes after the first trigger. */
  maxDepth: number;
  /** Rule applications in one chain. */
  maxApplications: number;
}

export const DEFAULT_CHAIN_LIMITS: ChainLimits = { maxDepth: 3, maxApplications: 20 };

export interface ChainPlan {
  applications: RuleApplication[];
  /** Set when the loop guard cut the chain short. */
  stoppedBy: 'depth' | 'applications' | null;
}

/**
 * Plans one trigger chain: the trigger's rules in `order` (then id), each matched against the
 * facts as the rules before it left them. When the chain changed a field, the `case-updated`
 * rules run next (depth + 1), and so on. Loop guard: a rule applies at most once per chain (so its
 * own actions never re-trigger it, nor can two rules ping-pong), at most `maxDepth` rounds and
 * `maxApplications` applications.
 */
export function planChain(
  trigger: WorkflowTrigger,
  facts: CaseFacts,
  rulesFor: (trigger: WorkflowTrigger) => readonly RuleSnapshot[],
  limits: ChainLimits = DEFAULT_CHAIN_LIMITS,
): ChainPlan {
  const applications: RuleApplication[] = [];
  const applied = new Set<string>();
  let current = facts;
  let round: WorkflowTrigger = trigger;
  for (let depth = 0; ; depth++) {
    let changedThisRound = false;
    const rules = [...rulesFor(round)].sort((a, b) => a.order - b.order || a.ruleId.localeCompare(b.ruleId));
    for (const rule of rules) {
      if (applied.has(rule.ruleId) || !ruleMatches(rule, current)) continue;
      if (applications.length >= limits.maxApplications) return { applications, stoppedBy: 'applications' };
      applied.add(rule.ruleId);
      applications.push({ rule, trigger: round, depth });
      const result = simulate(current, rule.actions);
      current = result.facts;
      if (result.changed.length) changedThisRound = true;
    }
    if (!changedThisRound) return { applications, stoppedBy: null };
    if (depth + 1 > limits.maxDepth) {
      const pending = rulesFor('case-updated').some((r) => !applied.has(r.ruleId) && ruleMatches(r, current));
      return { applications, stoppedBy: pending ? 'depth' : null };
    }
    round = 'case-updated';
  }
}
