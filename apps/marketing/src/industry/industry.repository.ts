import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { IndustryLevel, ScopeGrant } from '@crm/contracts';
import { applyScope } from '@crm/persistence';
import { toOpportunityFact, type OpportunityFactRow, type Period } from '../competitor/win-loss.js';
import type { IndustryFact, LeadGroup } from './industry-profile.js';

export interface IndustryRow {
  code: string;
  level: IndustryLevel;
  section: string;
  name_zh: string;
  name_en: string;
}

/**
 * The reference table, and the reads behind a profile: `sales_account_fact`, `lead`, `campaign` and
 * `sales_opportunity_fact` (other features' tables, by their shared columns only), each by a prefix
 * of `industry_code` and limited to the caller's data scope by `owner_id`.
 */
@Injectable()
export class IndustryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(m: EntityManager = this.dataSource.manager): Promise<IndustryRow[]> {
    return m.query('SELECT code, level, section, name_zh, name_en FROM industry ORDER BY sort');
  }

  async find(code: string, m: EntityManager = this.dataSource.manager): Promise<IndustryRow | null> {
    const rows: IndustryRow[] = await m.query('SELECT code, level, section, name_zh, name_en FROM industry WHERE code = ?', [code]);
    return rows[0] ?? null;
  }

  async accounts(prefix: string, period: Period, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager): Promise<number> {
    const qb = m
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .from('sales_account_fact', 'a')
      .where('a.industry_code LIKE :prefix', { prefix: `${prefix}%` });
    ranged(qb, 'a.created_at', period);
    const row = await applyScope(qb, 'a', scope, { ownerColumn: 'owner_id' }).getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  async leadGroups(
    prefix: string,
    period: Period,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<LeadGroup[]> {
    const qb = m
      .createQueryBuilder()
      .select('c.type', 'campaign_type')
      .addSelect('COUNT(*)', 'leads')
      .addSelect("SUM(l.status = 'converted')", 'converted')
      .from('lead', 'l')
      .leftJoin('campaign', 'c', 'c.id = l.campaign_id')
      .where('l.industry_code LIKE :prefix', { prefix: `${prefix}%` });
    ranged(qb, 'l.created_at', period);
    const rows = await applyScope(qb, 'l', scope, { ownerColumn: 'owner_id' })
      .groupBy('c.type')
      .getRawMany<{ campaign_type: string | null; leads: string | number; converted: string | number | null }>();
    return rows.map((r) => ({ campaignType: r.campaign_type, leads: Number(r.leads), converted: Number(r.converted ?? 0) }));
  }

  /** The industry's opportunities created or closed in the period, with their campaign's type. */
  async facts(
    prefix: string,
    period: Period,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<IndustryFact[]> {
    const qb = m
      .createQueryBuilder()
      .select([
        'f.opportunity_id AS opportunity_id',
        'f.status AS status',
        'f.amount AS amount',
        'f.currency AS currency',
        'f.competitor_ids AS competitor_ids',
        'f.lost_to_competitor_id AS lost_to_competitor_id',
        'f.created_at AS created_at',
        'f.closed_at AS closed_at',
        'c.type AS campaign_type',
      ])
      .from('sales_opportunity_fact', 'f')
      .leftJoin('campaign', 'c', 'c.id = f.campaign_id')
      .where('f.industry_code LIKE :prefix', { prefix: `${prefix}%` });
    const created: string[] = [];
    const closed: string[] = ['f.closed_at IS NOT NULL'];
    if (period.from) {
      created.push('f.created_at >= :from');
      closed.push('f.closed_at >= :from');
    }
    if (period.to) {
      created.push('f.created_at < :to');
      closed.push('f.closed_at < :to');
    }
    if (created.length) qb.andWhere(`((${created.join(' AND ')}) OR (${closed.join(' AND ')}))`, { from: period.from, to: period.to });
    const rows = await applyScope(qb, 'f', scope, { ownerColumn: 'owner_id' }).getRawMany<
      OpportunityFactRow & { campaign_type: string | null }
    >();
    return rows.map((r) => ({ ...toOpportunityFact(r), campaignType: r.campaign_type }));
  }

  async competitorNames(ids: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await m.query(
      `SELECT id, name FROM competitor WHERE id IN (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function ranged<T extends object>(qb: SelectQueryBuilder<T>, column: string, period: Period): void {
  if (period.from) qb.andWhere(`${column} >= :from`, { from: period.from });
  if (period.to) qb.andWhere(`${column} < :to`, { to: period.to });
}
