import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorkflowTrigger } from '@crm/contracts';
import { StampedCache } from '@crm/persistence';
import { ReferenceStamps } from '../reference/reference-stamps.js';
import type { RuleSnapshot } from './rule-evaluator.js';
import { WorkflowRuleRepository } from './workflow-rule.repository.js';

/**
 * The rules each trigger evaluates, kept per process while `workflow_rule`'s stamp holds: a case
 * opening runs two triggers and reads no rule. A rule saved on any replica changes the stamp, so the
 * next trigger anywhere evaluates the new version.
 */
@Injectable()
export class ActiveWorkflowRules {
  private readonly kept = new StampedCache<RuleSnapshot[]>();

  constructor(
    @Inject(WorkflowRuleRepository) private readonly rules: WorkflowRuleRepository,
    @Inject(ReferenceStamps) private readonly stamps: ReferenceStamps,
  ) {}

  /** The active rules of these triggers, current versions, in evaluation order. */
  async of(m: EntityManager, triggers: readonly WorkflowTrigger[]): Promise<RuleSnapshot[]> {
    const all = await this.kept.get(await this.stamps.of(m, 'workflow_rule'), () => this.rules.allActive(m));
    return all.filter((r) => triggers.includes(r.trigger));
  }
}
