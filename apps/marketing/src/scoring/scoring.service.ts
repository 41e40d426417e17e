import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scoreLead, type Score, type ScoringRuleDef, type ScoringSubject, type TouchCount } from './scoring.engine.js';
import { toRuleDef } from './scoring-rule.mapper.js';
import { ScoringRuleRepository } from './scoring-rule.repository.js';
import { StampedCache } from '@crm/persistence';

/** What the lead feature asks of scoring: the rules in force and a lead's score under them. */
@Injectable()
export class ScoringService {
  constructor(@Inject(ScoringRuleRepository) private readonly rules: ScoringRuleRepository) {}

  private readonly kept = new StampedCache<ScoringRuleDef[]>();

  /** The enabled rules, read fresh (a rule change counts from its commit on every replica). */
  async current(m?: EntityManager): Promise<ScoringRuleDef[]> {
    return (await this.rules.enabled(m)).map(toRuleDef);
  }

  /**
   * `current`, kept by this process while the scoring rules' stamp (`RuleStampRepository`) stays
   * `stamp`; (re)read with `m`. A rule change committed between the stamp's read and this one keeps
   * the newer rules under the older stamp until the next read of the stamp: one read more, never
   * rules older than the stamp.
   */
  currentAt(stamp: string, m?: EntityManager): Promise<ScoringRuleDef[]> {
    return this.kept.get(stamp, () => this.current(m));
  }

  score(lead: ScoringSubject, touches: readonly TouchCount[], rules: readonly ScoringRuleDef[]): Score {
    return scoreLead(lead, touches, rules);
  }

  /** Whether any rule counts touches (if not, a re-score needs no touch counts). */
  static countsTouches(rules: readonly ScoringRuleDef[]): boolean {
    return rules.some((r) => r.engagement !== null);
  }
}
