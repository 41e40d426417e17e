import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the rules in force are stamped with: any create, edit (version), enable/disable or delete changes it. */
const stampOf = (table: string) => `(SELECT CONCAT_WS('/', COUNT(*), SUM(version), MAX(updated_at), BIT_XOR(CRC32(id))) FROM ${table})`;

export interface RuleStamps {
  scoring: string;
  assignment: string;
}

/**
 * The stamps of the scoring and the assignment rules in one round trip, so a capture can use the
 * rules this process keeps (`StampedCache`) and still see a change committed on any replica.
 */
@Injectable()
export class RuleStampRepository {
  async read(m: EntityManager): Promise<RuleStamps> {
    const [r]: Array<{ scoring: string; assignment: string }> = await m.query(
      `SELECT ${stampOf('scoring_rule')} AS scoring, ${stampOf('assignment_rule')} AS assignment`,
    );
    return { scoring: String(r!.scoring), assignment: String(r!.assignment) };
  }
}
