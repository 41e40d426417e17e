import { describe, expect, it } from '@jest/globals';
import type { WorkflowTrigger } from '@crm/contracts';
import { conditionHolds, planChain, ruleMatches, simulate, type CaseFacts, type RuleSnapshot } from './rule-evaluator.js';

const facts: CaseFacts = {
  priority: 'high',
  category: 'complaint',
  channel: 'phone',
  status: 'new',
  accountId: 'acc-1',
  subject: 'Broadband down since Monday',
  description: '宽带出现故障',
  queueId: null,
  ownerId: null,
  escalationLevel: 0,
  orderNo: null,
  attributes: {},
};

let n = 0;
function rule(o: Partial<RuleSnapshot>): RuleSnapshot {
  n += 1;
  return {
    ruleId: `r${String(n).padStart(2, '0')}`,
    version: 1,
    name: `rule ${n}`,
    trigger: 'case-created',
    conditions: [],
    actions: [],
    order: 100,
    ...o,
  };
}

function rulesOf(list: RuleSnapshot[]) {
  return (t: WorkflowTrigger) => list.filter((r) => r.trigger === t);
}

describe('conditions', () => {
  it('eq, in, contains (case-insensitive, Chinese too)', () => {
    expect(conditionHolds({ field: 'category', op: 'eq', value: 'complaint' }, facts)).toBe(true);
    expect(conditionHolds({ field: 'channel', op: 'in', value: ['email', 'phone'] }, facts)).toBe(true);
    expect(conditionHolds({ field: 'channel', op: 'in', value: ['email'] }, facts)).toBe(false);
    expect(conditionHolds({ field: 'subject', op: 'contains', value: 'BROADBAND' }, facts)).toBe(true);
    expect(conditionHolds({ field: 'description', op: 'contains', value: '故障' }, facts)).toBe(true);
  });

  it('gte/lte compare priorities by rank, numbers as numbers', () => {
    expect(conditionHolds({ field: 'priority', op: 'gte', value: 'high' }, facts)).toBe(true);
    expect(conditionHolds({ field: 'priority', op: 'gte', value: 'urgent' }, facts)).toBe(false);
    expect(conditionHolds({ field: 'priority', op: 'lte', value: 'normal' }, facts)).toBe(false);
    expect(conditionHolds({ field: 'escalationLevel', op: 'lte', value: 0 }, facts)).toBe(true);
    expect(conditionHolds({ field: 'escalationLevel', op: 'gte', value: '1' }, facts)).toBe(false);
  });

  it('a missing field never matches; attributes are fields too', () => {
    expect(conditionHolds({ field: 'ownerId', op: 'eq', value: 'null' }, facts)).toBe(false);
    expect(conditionHolds({ field: 'attributes.region', op: 'eq', value: 'north' }, { ...facts, attributes: { region: 'north' } })).toBe(
      true,
    );
    expect(ruleMatches({ conditions: [] }, facts)).toBe(true);
  });
});

describe('simulate', () => {
  it('reports only real changes', () => {
    const r = simulate(facts, [
      { type: 'set-priority', priority: 'high' },
      { type: 'set-field', field: 'attributes.region', value: 'north' },
      { type: 'escalate', queueId: 'q-sup' },
      { type: 'notify', message: 'hi' },
    ]);
    expect(r.changed.sort()).toEqual(['attributes.region', 'escalationLevel', 'queueId']);
    expect(r.facts).toMatchObject({ priority: 'high', escalationLevel: 1, queueId: 'q-sup', attributes: { region: 'north' } });
  });
});

describe('planChain', () => {
  it('applies matching rules in order, each seeing what the earlier ones changed', () => {
    const a = rule({
      order: 20,
      conditions: [{ field: 'priority', op: 'eq', value: 'urgent' }],
      actions: [{ type: 'assign-queue', queueId: 'q-vip' }],
    });
    const b = rule({
      order: 10,
      conditions: [{ field: 'category', op: 'eq', value: 'complaint' }],
      actions: [{ type: 'set-priority', priority: 'urgent' }],
    });
    const c = rule({ trigger: 'sla-breach', actions: [{ type: 'escalate' }] });
    const plan = planChain('case-created', facts, rulesOf([a, b, c]));
    expect(plan.applications.map((x) => [x.rule.ruleId, x.trigger, x.depth])).toEqual([
      [b.ruleId, 'case-created', 0],
      [a.ruleId, 'case-created', 0],
    ]);
    expect(plan.stoppedBy).toBeNull();
  });

  it('changes made by rules trigger case-updated rules next', () => {
    const first = rule({ actions: [{ type: 'set-field', field: 'attributes.vip', value: 'yes' }] });
    const then = rule({
      trigger: 'case-updated',
      conditions: [{ field: 'attributes.vip', op: 'eq', value: 'yes' }],
      actions: [{ type: 'add-watcher', agentId: 'E9' }],
    });
    const plan = planChain('case-created', facts, rulesOf([first, then]));
    expect(plan.applications.map((x) => [x.rule.ruleId, x.trigger, x.depth])).toEqual([
      [first.ruleId, 'case-created', 0],
      [then.ruleId, 'case-updated', 1],
    ]);
  });

  it("loop guard: a rule's own change does not re-trigger it, and two rules cannot ping-pong", () => {
    const up = rule({
      trigger: 'case-updated',
      conditions: [{ field: 'priority', op: 'eq', value: 'high' }],
      actions: [{ type: 'set-priority', priority: 'urgent' }],
    });
    const down = rule({
      trigger: 'case-updated',
      conditions: [{ field: 'priority', op: 'eq', value: 'urgent' }],
      actions: [{ type: 'set-priority', priority: 'high' }],
    });
    const plan = planChain('case-updated', facts, rulesOf([up, down]));
    expect(plan.applications.map((x) => x.rule.ruleId)).toEqual([up.ruleId, down.ruleId]);
    expect(plan.stoppedBy).toBeNull();
  });

  it('loop guard: a chain deeper than maxDepth stops and says so', () => {
    const steps = [0, 1, 2, 3, 4].map((i) =>
      rule({
        trigger: i === 0 ? 'case-created' : 'case-updated',
        // Later steps come first in a round, so each step can only match in the next round.
        order: 100 - i,
        conditions: i === 0 ? [] : [{ field: 'attributes.step', op: 'eq', value: String(i - 1) }],
        actions: [{ type: 'set-field', field: 'attributes.step', value: String(i) }],
      }),
    );
    const plan = planChain('case-created', facts, rulesOf(steps), { maxDepth: 2, maxApplications: 20 });
    expect(plan.applications).toHaveLength(3);
    expect(plan.stoppedBy).toBe('depth');
  });

  it('loop guard: at most maxApplications per chain', () => {
    const many = Array.from({ length: 6 }, (_, i) => rule({ actions: [{ type: 'set-field', field: `attributes.k${i}`, value: 'x' }] }));
    const plan = planChain('case-created', facts, rulesOf(many), { maxDepth: 3, maxApplications: 4 });
    expect(plan.applications).toHaveLength(4);
    expect(plan.stoppedBy).toBe('applications');
  });

  it('the seeded rule: a breached urgent complaint escalates; a breached normal one does not', () => {
    const seeded = rule({
      trigger: 'sla-breach',
      conditions: [
        { field: 'priority', op: 'eq', value: 'urgent' },
        { field: 'category', op: 'in', value: ['complaint', 'regulatory-complaint'] },
      ],
      actions: [{ type: 'escalate', queueId: 'q-sup' }],
    });
    expect(
      planChain('sla-breach', { ...facts, priority: 'urgent', category: 'regulatory-complaint' }, rulesOf([seeded])).applications,
    ).toHaveLength(1);
    expect(planChain('sla-breach', { ...facts, priority: 'normal' }, rulesOf([seeded])).applications).toHaveLength(0);
  });
});
