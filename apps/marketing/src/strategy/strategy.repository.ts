import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ScopeGrant } from '@crm/contracts';
import { allOf, inList, scopeCondition } from '../campaign/scope-sql.js';

export interface EvaluatedCampaign {
  id: string;
  strategy: string | null;
  variant: string | null;
  currency: string;
}

/** Which campaigns an evaluation covers. */
@Injectable()
export class StrategyRepository {
  /** The campaigns named by id, or carrying one of the strategies, within the caller's data scope. */
  async campaigns(
    m: EntityManager,
    by: { campaignIds?: string[]; strategies?: string[] },
    scope: ScopeGrant | null,
  ): Promise<EvaluatedCampaign[]> {
    const which = by.campaignIds ? inList('c.id', by.campaignIds) : inList('c.strategy', by.strategies ?? []);
    const where = allOf([which, scopeCondition('c.owner_id', scope)]);
    return (await m.query(
      `SELECT c.id, c.strategy, c.variant, c.currency FROM campaign c WHERE ${where.sql} ORDER BY c.created_at, c.id`,
      where.params,
    )) as EvaluatedCampaign[];
  }
}
