import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TableStamps, versionedStamp } from '@crm/persistence';

export interface RuleStamps {
  scoring: string;
  assignment: string;
}

/**
 * The stamps of the scoring and the assignment rules, read together once per transaction, so a
 * capture can use the rules this process keeps (`StampedCache`) and still see a change committed on
 * any replica.
 */
@Injectable()
export class RuleStampRepository extends TableStamps {
  constructor() {
    super({ scoring_rule: versionedStamp('scoring_rule'), assignment_rule: versionedStamp('assignment_rule') });
  }

  async read(m: EntityManager): Promise<RuleStamps> {
    return { scoring: await this.of(m, 'scoring_rule'), assignment: await this.of(m, 'assignment_rule') };
  }
}
