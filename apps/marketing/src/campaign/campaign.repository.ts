import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListCampaignsDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { NO_FIGURES, type RawFigures } from './campaign-figures.js';
import { CampaignEntity } from './campaign.entity.js';
import { allOf, inList, scopeCondition } from './scope-sql.js';

const OWNER = { ownerColumn: 'ownerId' };
/** Deeper hierarchies are refused (and bound the ancestor walk and the rollup). */
export const MAX_CAMPAIGN_DEPTH = 32;

/** Newest first (SPEC §6.0), the id breaking ties. */
export const CAMPAIGN_LIST: KeysetList<Pick<CampaignEntity, 'createdAt' | 'id'>> = {
  name: 'marketing.campaigns',
  keys: [
    { column: 'c.created_at', kind: 'time' },
    { column: 'c.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (c) => [c.createdAt, c.id],
};

/** Campaigns and their figures; every read of campaigns limited to the caller's data scope. */
@Injectable()
export class CampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<CampaignEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<CampaignEntity> {
    await m.getRepository(CampaignEntity).insert(row);
    return m.getRepository(CampaignEntity).findOneByOrFail({ id: row.id });
  }

  /** The campaign if it is within `scope`; `lock` holds it for a change in `m`'s transaction. */
  find(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<CampaignEntity | null> {
    const qb = applyScope(m.getRepository(CampaignEntity).createQueryBuilder('c').where('c.id = :id', { id }), 'c', scope, OWNER);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /**
   * One link of the hierarchy, locked: walking a new parent's ancestors with locks makes two
   * concurrent moves that would close a loop (A under B, B under A) wait on each other, so one
   * sees the other's change (or is the deadlock victim, retried) and finds the loop.
   */
  async parentOf(m: EntityManager, id: string): Promise<{ id: string; parentId: string | null } | null> {
    const rows = (await m.query('SELECT id, parent_id FROM campaign WHERE id = ? FOR UPDATE', [id])) as Array<{
      id: string;
      parent_id: string | null;
    }>;
    return rows[0] ? { id: rows[0].id, parentId: rows[0].parent_id } : null;
  }

  async update(m: EntityManager, id: string, patch: Partial<CampaignEntity>): Promise<CampaignEntity> {
    await m.getRepository(CampaignEntity).update({ id }, patch);
    return m.getRepository(CampaignEntity).findOneByOrFail({ id });
  }

  /** One page of `CAMPAIGN_LIST` after `position` (`limit + 1` rows). */
  list(
    q: ListCampaignsDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<CampaignEntity[]> {
    const query = new KeysetQuery(CAMPAIGN_LIST)
      .equal('c.status', q.status)
      .equal('c.type', q.type)
      .equal('c.parent_id', q.parentId)
      .equal('c.strategy', q.strategy)
      .equal('c.variant', q.variant)
      .equal('c.owner_id', q.ownerId)
      .after(position);
    return applyScope(query.applyTo(m.getRepository(CampaignEntity).createQueryBuilder('c'), limit), 'c', scope, OWNER).getMany();
  }

  /** The campaign and all its descendants within the scope (depth-bounded). */
  async subtree(m: EntityManager, rootId: string, scope: ScopeGrant | null): Promise<Array<{ id: string; currency: string }>> {
    const owner = scopeCondition('c.owner_id', scope);
    return (await m.query(
      `WITH RECURSIVE tree (id, depth) AS (
         SELECT id, 0 FROM campaign WHERE id = ?
         UNION ALL
         SELECT c.id, t.depth + 1 FROM campaign c JOIN tree t ON c.parent_id = t.id WHERE t.depth < ?
       )
       SELECT c.id, c.currency FROM tree t JOIN campaign c ON c.id = t.id WHERE ${owner.sql}`,
      [rootId, MAX_CAMPAIGN_DEPTH, ...owner.params],
    )) as Array<{ id: string; currency: string }>;
  }

  /**
   * The figures of each campaign, in its own currency: step costs (cancelled steps excluded),
   * leads captured with its id, won opportunities (one fact row per opportunity, so a won event
   * applied twice counts once; opportunities in another currency are not converted and not
   * counted), leads and opportunities limited to the caller's data scope.
   */
  async figures(
    m: EntityManager,
    campaigns: ReadonlyArray<{ id: string; currency: string }>,
    scope: ScopeGrant | null,
  ): Promise<Map<string, RawFigures>> {
    const out = new Map<string, RawFigures>(campaigns.map((c) => [c.id, { ...NO_FIGURES }]));
    if (campaigns.length === 0) return out;
    const ids = campaigns.map((c) => c.id);
    const steps = inList('s.campaign_id', ids);
    const costs = (await m.query(
      `SELECT s.campaign_id AS id, SUM(s.cost) AS cost FROM campaign_step s WHERE ${steps.sql} AND s.status <> 'cancelled' GROUP BY s.campaign_id`,
      steps.params,
    )) as Array<{ id: string; cost: string }>;
    for (const r of costs) out.get(r.id)!.cost = r.cost ?? '0';

    const leads = allOf([inList('l.campaign_id', ids), scopeCondition('l.owner_id', scope)]);
    const leadRows = (await m.query(
      `SELECT l.campaign_id AS id, COUNT(*) AS leads, SUM(l.status = 'converted') AS converted FROM \`lead\` l WHERE ${leads.sql} GROUP BY l.campaign_id`,
      leads.params,
    )) as Array<{ id: string; leads: number | string; converted: number | string | null }>;
    for (const r of leadRows) Object.assign(out.get(r.id)!, { leads: Number(r.leads), convertedLeads: Number(r.converted ?? 0) });

    const won = allOf([inList('o.campaign_id', ids), scopeCondition('o.owner_id', scope)]);
    const wonRows = (await m.query(
      `SELECT o.campaign_id AS id, COUNT(*) AS won, SUM(o.amount) AS revenue
         FROM sales_opportunity_fact o JOIN campaign c ON c.id = o.campaign_id AND c.currency = o.currency
        WHERE ${won.sql} AND o.status = 'won' GROUP BY o.campaign_id`,
      won.params,
    )) as Array<{ id: string; won: number | string; revenue: string }>;
    for (const r of wonRows) Object.assign(out.get(r.id)!, { wonOpportunities: Number(r.won), revenue: r.revenue ?? '0' });
    return out;
  }
}
