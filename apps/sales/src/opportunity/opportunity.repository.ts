import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListOpportunitiesDto, OpportunityClosedLine, ScopeGrant } from '@crm/contracts';
import { formatMoney, money } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { OpportunityEntity } from './opportunity.entity.js';
import { StageHistoryEntity } from './stage-history.entity.js';

const OWNER = { ownerColumn: 'ownerId' };

export const OPPORTUNITY_LIST: KeysetList<Pick<OpportunityEntity, 'createdAt' | 'id'>> = {
  name: 'sales.opportunities',
  keys: [
    { column: 'o.created_at', kind: 'time' },
    { column: 'o.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (o) => [o.createdAt, o.id],
};

/** What an opportunity takes from its account (the account feature's shared columns, read-only). */
export interface AccountFacts {
  id: string;
  industryCode: string | null;
  regionCode: string | null;
  segment: string | null;
  ownerId: string;
  territoryId: string | null;
}

/** Every query of opportunities, each limited to the caller's data scope. */
@Injectable()
export class OpportunityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account if it exists within `scope` (the `account` table belongs to the account feature). */
  async account(m: EntityManager, accountId: string, scope: ScopeGrant | null): Promise<AccountFacts | null> {
    const qb = m
      .createQueryBuilder()
      .select(['a.id AS id', 'a.industry_code AS industryCode', 'a.region_code AS regionCode', 'a.segment AS segment'])
      .addSelect(['a.owner_id AS ownerId', 'a.territory_id AS territoryId'])
      .from('account', 'a')
      .where('a.id = :accountId', { accountId });
    const row = await applyScope(qb, 'a', scope, { ownerColumn: 'owner_id' }).getRawOne<AccountFacts>();
    return row ?? null;
  }

  async insert(m: EntityManager, row: Omit<OpportunityEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<OpportunityEntity> {
    await m.getRepository(OpportunityEntity).insert(row);
    return m.getRepository(OpportunityEntity).findOneByOrFail({ id: row.id });
  }

  /** The opportunity if it is within `scope`; `lock` holds it for a change in `m`'s transaction. */
  find(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<OpportunityEntity | null> {
    const qb = applyScope(m.getRepository(OpportunityEntity).createQueryBuilder('o').where('o.id = :id', { id }), 'o', scope, OWNER);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  async update(m: EntityManager, id: string, patch: Partial<OpportunityEntity>): Promise<OpportunityEntity> {
    await m.getRepository(OpportunityEntity).update({ id }, patch);
    return m.getRepository(OpportunityEntity).findOneByOrFail({ id });
  }

  async addHistory(m: EntityManager, entry: Omit<StageHistoryEntity, 'id'>): Promise<void> {
    await m.getRepository(StageHistoryEntity).insert(entry);
  }

  history(m: EntityManager, opportunityId: string): Promise<StageHistoryEntity[]> {
    return m.getRepository(StageHistoryEntity).find({ where: { opportunityId }, order: { id: 'ASC' } });
  }

  /** Net amount per line of the opportunity's latest accepted quote (`[]` without one). */
  async acceptedQuoteLines(m: EntityManager, opportunityId: string): Promise<OpportunityClosedLine[]> {
    const rows: Array<{ product_id: string; net_amount: string }> = await m.query(
      `SELECT l.product_id, l.net_amount FROM quote_line l
        WHERE l.quote_id = (SELECT q.id FROM quote q WHERE q.opportunity_id = ? AND q.status = 'accepted'
                             ORDER BY q.updated_at DESC, q.revision DESC LIMIT 1)
        ORDER BY l.line_no`,
      [opportunityId],
    );
    return rows.map((r) => ({ productId: r.product_id, amount: formatMoney(money(r.net_amount)) }));
  }

  /** One page of `OPPORTUNITY_LIST` after `position` (`limit + 1` rows). */
  list(
    q: ListOpportunitiesDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<OpportunityEntity[]> {
    const query = new KeysetQuery(OPPORTUNITY_LIST)
      .equal('o.account_id', q.accountId)
      .equal('o.owner_id', q.ownerId)
      .equal('o.status', q.status)
      .equal('o.stage', q.stage)
      .equal('o.pipeline_id', q.pipelineId)
      .equal('o.channel', q.channel)
      .equal('o.campaign_id', q.campaignId);
    if (q.closeDateFrom !== undefined) query.where('o.close_date >= ?', q.closeDateFrom);
    if (q.closeDateTo !== undefined) query.where('o.close_date <= ?', q.closeDateTo);
    query.after(position);
    // Scope last: it brackets the list's own conditions before adding the owner filter.
    return applyScope(query.applyTo(m.getRepository(OpportunityEntity).createQueryBuilder('o'), limit), 'o', scope, OWNER).getMany();
  }
}
