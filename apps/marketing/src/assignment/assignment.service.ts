import { Inject, Injectable } from '@nestjs/common';
import type { AssignmentStrategy } from '@crm/contracts';
import { StampedCache } from '@crm/persistence';
import { AssignmentRuleRepository, type AssignmentRuleRow } from './assignment-rule.repository.js';
import { leastLoadedPick, matchRule, roundRobinPick, type AssignmentSubject } from './assignment.engine.js';

export interface Assignment {
  ownerId: string;
  ruleId: string;
  strategy: AssignmentStrategy;
}

/** What the lead feature asks of assignment: the owner of a new lead under the rules in force. */
@Injectable()
export class AssignmentService {
  constructor(@Inject(AssignmentRuleRepository) private readonly rules: AssignmentRuleRepository) {}

  private readonly kept = new StampedCache<AssignmentRuleRow[]>();

  /** The owner of one new lead: `chooseMany` of one. */
  async choose(lead: AssignmentSubject): Promise<Assignment | null> {
    return (await this.chooseMany([lead]))[0]!;
  }

  /**
   * The owners of new leads, in order, as if each were assigned in turn: for each, the owner the
   * first matching rule names, or null (no rule matches: the lead stays unassigned). Runs outside
   * the capture's transaction: a round-robin rule takes its turns for all its leads in one
   * autocommitted statement, so a capture that then fails (e.g. it lost a dedupe race and became a
   * touch) leaves its turn unused — the team skips one, nothing is assigned twice. Least-loaded
   * counts each lead it assigns before picking for the next. With `stamp` (the assignment rules'
   * stamp, `RuleStampRepository`), the rules this process kept under it; without, read fresh.
   */
  async chooseMany(leads: readonly AssignmentSubject[], stamp?: string): Promise<(Assignment | null)[]> {
    if (!leads.length) return [];
    const enabled = stamp === undefined ? await this.rules.enabled() : await this.kept.get(stamp, () => this.rules.enabled());
    const rules = enabled.map((r) => ({ ...r, when: r.conditions }));
    const matched = leads.map((lead) => matchRule(lead, rules));
    const turns = new Map<string, number | null>(); // round-robin rule → first of its turns
    const loads = new Map<string, Map<string, number>>(); // least-loaded rule → open leads per member
    for (const rule of new Set(matched)) {
      if (rule?.strategy === 'round-robin') {
        const k = matched.filter((r) => r === rule).length;
        const last = await this.rules.takeTurns(rule.id, k);
        turns.set(rule.id, last === null ? null : last - k + 1);
      } else if (rule?.strategy === 'least-loaded') loads.set(rule.id, new Map(await this.rules.openLeads(rule.members)));
    }
    return matched.map((rule): Assignment | null => {
      if (!rule) return null;
      const assigned = (ownerId: string): Assignment => ({ ownerId, ruleId: rule.id, strategy: rule.strategy });
      switch (rule.strategy) {
        case 'fixed':
          return rule.ownerId ? assigned(rule.ownerId) : null;
        case 'round-robin': {
          const turn = turns.get(rule.id) ?? null;
          if (turn === null) return null;
          turns.set(rule.id, turn + 1);
          return assigned(roundRobinPick(rule.members, turn));
        }
        case 'least-loaded': {
          const load = loads.get(rule.id)!;
          const owner = leastLoadedPick(rule.members, load);
          load.set(owner, (load.get(owner) ?? 0) + 1);
          return assigned(owner);
        }
      }
    });
  }
}
