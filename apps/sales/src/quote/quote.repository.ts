import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ListQuotesDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { OpportunityEntity } from '../opportunity/opportunity.entity.js';
import { QuoteLineEntity } from './quote-line.entity.js';
import { QuoteEntity } from './quote.entity.js';

/** A quote is in scope when its opportunity is: the scope applies to the opportunity's owner. */
const OPPORTUNITY_OWNER = { ownerColumn: 'ownerId' };

export const QUOTE_LIST: KeysetList<Pick<QuoteEntity, 'createdAt' | 'id'>> = {
  name: 'sales.quotes',
  keys: [
    { column: 'q.created_at', kind: 'time' },
    { column: 'q.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (q) => [q.createdAt, q.id],
};

/** What a quote document shows of its account (the account feature's shared columns). */
export interface AccountHeading {
  name: string;
  accountNo: string;
  segment: string | null;
}

@Injectable()
export class QuoteRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The opportunity if it is within `scope`; `lock` holds it (quotes of one opportunity change one at a time). */
  opportunity(
    id: string,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<OpportunityEntity | null> {
    const qb = applyScope(
      m.getRepository(OpportunityEntity).createQueryBuilder('o').where('o.id = :id', { id }),
      'o',
      scope,
      OPPORTUNITY_OWNER,
    );
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  async account(m: EntityManager, accountId: string): Promise<AccountHeading | null> {
    const rows: Array<{ name: string; account_no: string; segment: string | null }> = await m.query(
      'SELECT name, account_no, segment FROM account WHERE id = ?',
      [accountId],
    );
    return rows[0] ? { name: rows[0].name, accountNo: rows[0].account_no, segment: rows[0].segment } : null;
  }

  async insert(
    m: EntityManager,
    quote: Omit<QuoteEntity, 'version' | 'createdAt' | 'updatedAt'>,
    lines: QuoteLineEntity[],
  ): Promise<QuoteEntity> {
    await m.getRepository(QuoteEntity).insert(quote);
    if (lines.length) await m.getRepository(QuoteLineEntity).insert(lines);
    return m.getRepository(QuoteEntity).findOneByOrFail({ id: quote.id });
  }

  /** The quote if its opportunity is within `scope`; `lock` holds it for a change. */
  find(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<QuoteEntity | null> {
    const qb = this.scoped(m, scope).andWhere('q.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  lines(m: EntityManager, quoteId: string): Promise<QuoteLineEntity[]> {
    return m.getRepository(QuoteLineEntity).find({ where: { quoteId }, order: { lineNo: 'ASC' } });
  }

  async nextRevision(m: EntityManager, quoteNo: string): Promise<number> {
    const rows: Array<{ r: number | null }> = await m.query('SELECT MAX(revision) AS r FROM quote WHERE quote_no = ?', [quoteNo]);
    return Number(rows[0]?.r ?? 0) + 1;
  }

  async update(m: EntityManager, id: string, patch: Partial<QuoteEntity>): Promise<QuoteEntity> {
    await m.getRepository(QuoteEntity).update({ id }, patch);
    return m.getRepository(QuoteEntity).findOneByOrFail({ id });
  }

  /** Every other live quote of the opportunity becomes `superseded`; answers their ids. */
  async supersedeOthers(m: EntityManager, opportunityId: string, exceptId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id FROM quote WHERE opportunity_id = ? AND id <> ? AND status NOT IN ('accepted', 'superseded') ORDER BY id FOR UPDATE`,
      [opportunityId, exceptId],
    );
    const ids = rows.map((r) => r.id);
    if (ids.length) await m.query(`UPDATE quote SET status = 'superseded', version = version + 1 WHERE id IN (?)`, [ids]);
    return ids;
  }

  list(
    q: ListQuotesDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<QuoteEntity[]> {
    const query = new KeysetQuery(QUOTE_LIST)
      .equal('q.opportunity_id', q.opportunityId)
      .equal('q.status', q.status)
      .equal('q.author_id', q.authorId)
      .equal('q.quote_no', q.quoteNo)
      .after(position);
    const qb = query.applyTo(
      m.getRepository(QuoteEntity).createQueryBuilder('q').innerJoin(OpportunityEntity, 'o', 'o.id = q.opportunity_id'),
      limit,
    );
    // Scope last: it brackets the list's own conditions before adding the owner filter.
    return applyScope(qb, 'o', scope, OPPORTUNITY_OWNER).getMany();
  }

  private scoped(m: EntityManager, scope: ScopeGrant | null): SelectQueryBuilder<QuoteEntity> {
    const qb = m
      .getRepository(QuoteEntity)
      .createQueryBuilder('q')
      .innerJoin(OpportunityEntity, 'o', 'o.id = q.opportunity_id')
      .where('1 = 1');
    return applyScope(qb, 'o', scope, OPPORTUNITY_OWNER);
  }
}
