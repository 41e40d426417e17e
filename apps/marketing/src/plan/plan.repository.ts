import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListPlansDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { allOf, anyPrefix, inList, scopeCondition, type SqlFragment } from '../campaign/scope-sql.js';
import type { PlanActuals } from './plan-progress.js';
import { MarketPlanEntity } from './plan.entity.js';

const OWNER = { ownerColumn: 'ownerId' };

export const PLAN_LIST: KeysetList<Pick<MarketPlanEntity, 'createdAt' | 'id'>> = {
  name: 'marketing.plans',
  keys: [
    { column: 'p.created_at', kind: 'time' },
    { column: 'p.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (p) => [p.createdAt, p.id],
};

/** What a plan's actuals are filtered by. */
export type PlanScope = Pick<MarketPlanEntity, 'territoryId' | 'regionPrefix' | 'segment' | 'industryCode' | 'productIds' | 'currency'>;

const when = (cond: unknown, f: () => SqlFragment): SqlFragment[] => (cond === null || cond === undefined ? [] : [f()]);

/** Market plans, and the SQL of their actuals over leads and the sales facts. */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<MarketPlanEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<MarketPlanEntity> {
    await m.getRepository(MarketPlanEntity).insert(row);
    return m.getRepository(MarketPlanEntity).findOneByOrFail({ id: row.id });
  }

  find(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<MarketPlanEntity | null> {
    const qb = applyScope(m.getRepository(MarketPlanEntity).createQueryBuilder('p').where('p.id = :id', { id }), 'p', scope, OWNER);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  async update(m: EntityManager, id: string, patch: Partial<MarketPlanEntity>): Promise<MarketPlanEntity> {
    await m.getRepository(MarketPlanEntity).update({ id }, patch);
    return m.getRepository(MarketPlanEntity).findOneByOrFail({ id });
  }

  list(
    q: ListPlansDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<MarketPlanEntity[]> {
    const query = new KeysetQuery(PLAN_LIST)
      .equal('p.territory_id', q.territoryId)
      .equal('p.segment', q.segment)
      .equal('p.owner_id', q.ownerId);
    if (q.activeOn !== undefined) query.where('p.period_start <= ? AND p.period_end >= ?', q.activeOn, q.activeOn);
    return applyScope(
      query.after(position).applyTo(m.getRepository(MarketPlanEntity).createQueryBuilder('p'), limit),
      'p',
      scope,
      OWNER,
    ).getMany();
  }

  /**
   * The plan's actuals in `[from, to)`, all within the caller's data scope:
   * - leads created / converted (`lead.created_at` / `converted_at`), by region prefix, segment and
   *   industry prefix (leads have no territory or products);
   * - opportunities created (`sales_opportunity_fact.created_at`), won revenue (won, closed in the
   *   window, in the plan's currency) and won / lost counts (closed in the window), by territory,
   *   industry prefix, and region / segment of their account (`sales_account_fact`); with a product
   *   line only opportunities with a line of those products count, and won revenue is the sum of
   *   those lines (lines arrive with the won / lost events);
   * - accounts created (`sales_account_fact.created_at`) by territory, region, segment, industry.
   */
  async actuals(m: EntityManager, plan: PlanScope, from: Date, to: Date, scope: ScopeGrant | null): Promise<PlanActuals> {
    const leadWhere = (timeColumn: string) =>
      allOf([
        { sql: `${timeColumn} >= ? AND ${timeColumn} < ?`, params: [from, to] },
        ...when(plan.regionPrefix, () => anyPrefix('l.region_code', [plan.regionPrefix!])),
        ...when(plan.segment, () => ({ sql: 'l.segment = ?', params: [plan.segment] })),
        ...when(plan.industryCode, () => anyPrefix('l.industry_code', [plan.industryCode!])),
        scopeCondition('l.owner_id', scope),
      ]);
    const leads = leadWhere('l.created_at');
    const converted = leadWhere('l.converted_at');
    const [leadRow] = (await m.query(`SELECT COUNT(*) AS n FROM \`lead\` l WHERE ${leads.sql}`, leads.params)) as Array<{
      n: string | number;
    }>;
    const [convertedRow] = (await m.query(
      `SELECT COUNT(*) AS n FROM \`lead\` l WHERE l.status = 'converted' AND ${converted.sql}`,
      converted.params,
    )) as Array<{
      n: string | number;
    }>;

    const products = plan.productIds && plan.productIds.length ? plan.productIds : null;
    const oppFilters = [
      ...when(plan.territoryId, () => ({ sql: 'o.territory_id = ?', params: [plan.territoryId] })),
      ...when(plan.industryCode, () => anyPrefix('o.industry_code', [plan.industryCode!])),
      ...when(plan.regionPrefix, () => anyPrefix('a.region_code', [plan.regionPrefix!])),
      ...when(plan.segment, () => ({ sql: 'a.segment = ?', params: [plan.segment] })),
      ...when(products, () => {
        const p = inList('x.product_id', products!);
        return {
          sql: `EXISTS (SELECT 1 FROM sales_opportunity_line_fact x WHERE x.opportunity_id = o.opportunity_id AND ${p.sql})`,
          params: p.params,
        };
      }),
      scopeCondition('o.owner_id', scope),
    ];
    const opp = 'FROM sales_opportunity_fact o LEFT JOIN sales_account_fact a ON a.account_id = o.account_id';
    const created = allOf([{ sql: 'o.created_at >= ? AND o.created_at < ?', params: [from, to] }, ...oppFilters]);
    const [oppRow] = (await m.query(`SELECT COUNT(*) AS n ${opp} WHERE ${created.sql}`, created.params)) as Array<{ n: string | number }>;
    const closed = allOf([
      { sql: "o.status IN ('won', 'lost') AND o.closed_at >= ? AND o.closed_at < ?", params: [from, to] },
      ...oppFilters,
    ]);
    const [closedRow] = (await m.query(
      `SELECT SUM(o.status = 'won') AS won, SUM(o.status = 'lost') AS lost ${opp} WHERE ${closed.sql}`,
      closed.params,
    )) as Array<{
      won: string | number | null;
      lost: string | number | null;
    }>;
    const wonWhere = allOf([
      { sql: "o.status = 'won' AND o.currency = ? AND o.closed_at >= ? AND o.closed_at < ?", params: [plan.currency, from, to] },
      ...oppFilters,
    ]);
    const revenueSql = products
      ? (() => {
          const p = inList('y.product_id', products);
          return {
            sql: `SELECT SUM(y.amount) AS revenue FROM sales_opportunity_line_fact y JOIN sales_opportunity_fact o ON o.opportunity_id = y.opportunity_id
                  LEFT JOIN sales_account_fact a ON a.account_id = o.account_id WHERE ${p.sql} AND ${wonWhere.sql}`,
            params: [...p.params, ...wonWhere.params],
          };
        })()
      : { sql: `SELECT SUM(o.amount) AS revenue ${opp} WHERE ${wonWhere.sql}`, params: wonWhere.params };
    const [revenueRow] = (await m.query(revenueSql.sql, revenueSql.params)) as Array<{ revenue: string | null }>;

    const accounts = allOf([
      { sql: 'a.created_at >= ? AND a.created_at < ?', params: [from, to] },
      ...when(plan.territoryId, () => ({ sql: 'a.territory_id = ?', params: [plan.territoryId] })),
      ...when(plan.regionPrefix, () => anyPrefix('a.region_code', [plan.regionPrefix!])),
      ...when(plan.segment, () => ({ sql: 'a.segment = ?', params: [plan.segment] })),
      ...when(plan.industryCode, () => anyPrefix('a.industry_code', [plan.industryCode!])),
      scopeCondition('a.owner_id', scope),
    ]);
    const [accountRow] = (await m.query(`SELECT COUNT(*) AS n FROM sales_account_fact a WHERE ${accounts.sql}`, accounts.params)) as Array<{
      n: string | number;
    }>;
    return {
      leads: Number(leadRow?.n ?? 0),
      convertedLeads: Number(convertedRow?.n ?? 0),
      opportunities: Number(oppRow?.n ?? 0),
      wonRevenue: revenueRow?.revenue ?? '0',
      newAccounts: Number(accountRow?.n ?? 0),
      won: Number(closedRow?.won ?? 0),
      lost: Number(closedRow?.lost ?? 0),
    };
  }
}
