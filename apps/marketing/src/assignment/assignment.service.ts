import { Inject, Injectable } from '@nestjs/common';
import type { AssignmentStrategy } from '@crm/contracts';
import { AssignmentRuleRepository } from './assignment-rule.repository.js';
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

  /**
   * The owner the first matching rule names, or null (no rule matches: the lead stays unassigned).
   * Runs before the capture's transaction: a round-robin turn is taken in its own statement, so a
   * capture that then fails (e.g. it lost a dedupe race and became a touch) leaves that turn unused
   * — the team skips one, nothing is assigned twice.
   */
  async choose(lead: AssignmentSubject): Promise<Assignment | null> {
    const rule = matchRule(
      lead,
      (await this.rules.enabled()).map((r) => ({ ...r, when: r.conditions })),
    );
    if (!rule) return null;
    switch (rule.strategy) {
      case 'fixed':
        return rule.ownerId ? { ownerId: rule.ownerId, ruleId: rule.id, strategy: rule.strategy } : null;
      case 'round-robin': {
        const turn = await this.rules.nextTurn(rule.id);
        return turn === null ? null : { ownerId: roundRobinPick(rule.members, turn), ruleId: rule.id, strategy: rule.strategy };
      }
      case 'least-loaded':
        return {
          ownerId: leastLoadedPick(rule.members, await this.rules.openLeads(rule.members)),
          ruleId: rule.id,
          strategy: rule.strategy,
        };
    }
  }
}
