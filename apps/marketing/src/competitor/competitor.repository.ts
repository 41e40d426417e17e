import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { ListCompetitorsDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { CompetitorEntity } from './competitor.entity.js';
import { toOpportunityFact, type OpportunityFact, type OpportunityFactRow, type Period } from './win-loss.js';

/** Newest first, the id breaking ties. */
export const COMPETITOR_LIST: KeysetList<Pick<CompetitorEntity, 'createdAt' | 'id'>> = {
  name: 'marketing.competitors',
  keys: [
    { column: 'c.created_at', kind: 'time' },
    { column: 'c.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (c) => [c.createdAt, c.id],
};

/**
 * Competitors, and the reads of `sales_opportunity_fact` (the sales-feed feature's table, by the
 * shared columns only) that win/loss needs.
 */
@Injectable()
export class CompetitorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<CompetitorEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<CompetitorEntity> {
    await m.getRepository(CompetitorEntity).insert(row);
    return m.getRepository(CompetitorEntity).findOneByOrFail({ id: row.id });
  }

  async update(m: EntityManager, id: string, patch: Partial<CompetitorEntity>): Promise<CompetitorEntity> {
    await m.getRepository(CompetitorEntity).update({ id }, patch);
    return m.getRepository(CompetitorEntity).findOneByOrFail({ id });
  }

  findById(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<CompetitorEntity | null> {
    const qb = m.getRepository(CompetitorEntity).createQueryBuilder('c').where('c.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  findByIds(ids: readonly string[], m: EntityManager = this.dataSource.manager): Promise<CompetitorEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return m.getRepository(CompetitorEntity).find({ where: { id: In([...ids]) }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  list(q: ListCompetitorsDto, limit: number, position: KeyValue[] | undefined, m: EntityManager = this.dataSource.manager) {
    const query = new KeysetQuery(COMPETITOR_LIST).after(position);
    if (q.q !== undefined) query.where("c.name LIKE ? ESCAPE '\\\\'", `%${escapeLike(q.q)}%`);
    if (q.industry !== undefined) query.where('JSON_CONTAINS(c.industries, JSON_QUOTE(?))', q.industry);
    if (q.segment !== undefined) query.where('JSON_CONTAINS(c.segments, JSON_QUOTE(?))', q.segment);
    return query.applyTo(m.getRepository(CompetitorEntity).createQueryBuilder('c'), limit).getMany();
  }

  /**
   * The opportunities in the caller's data scope that met a competitor and were created or closed
   * in the period (what `tallyWinLoss` needs; it applies the exact rules).
   */
  async facts(period: Period, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager): Promise<OpportunityFact[]> {
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
      ])
      .from('sales_opportunity_fact', 'f')
      .where('(JSON_LENGTH(f.competitor_ids) > 0 OR f.lost_to_competitor_id IS NOT NULL)');
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
    const rows = await applyScope(qb, 'f', scope, { ownerColumn: 'owner_id' }).getRawMany<OpportunityFactRow>();
    return rows.map(toOpportunityFact);
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
