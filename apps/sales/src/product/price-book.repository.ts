import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { ListPriceBooksDto, PriceBookChannel } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { PriceBookEntity, PriceBookEntryEntity } from './price-book.entity.js';

export const PRICE_BOOK_LIST: KeysetList<Pick<PriceBookEntity, 'createdAt' | 'id'>> = {
  name: 'sales.price-books',
  keys: [
    { column: 'b.created_at', kind: 'time' },
    { column: 'b.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (b) => [b.createdAt, b.id],
};

/** Who a price book is for and when: what two books may not share. */
export interface BookTarget {
  channel: PriceBookChannel | null;
  segment: string | null;
  currency: string;
}

/** An entry of a book that applies to a pricing, with its book's target (to rank specificity). */
export interface ApplicableEntry {
  entry: PriceBookEntryEntity;
  channel: string | null;
  segment: string | null;
}

@Injectable()
export class PriceBookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<PriceBookEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<PriceBookEntity> {
    await m.getRepository(PriceBookEntity).insert(row);
    return m.getRepository(PriceBookEntity).findOneByOrFail({ id: row.id });
  }

  async update(m: EntityManager, id: string, patch: Partial<PriceBookEntity>): Promise<PriceBookEntity> {
    await m.getRepository(PriceBookEntity).update({ id }, patch);
    return m.getRepository(PriceBookEntity).findOneByOrFail({ id });
  }

  /** Replaces a book's entries. */
  async replaceEntries(m: EntityManager, priceBookId: string, entries: PriceBookEntryEntity[]): Promise<void> {
    await m.getRepository(PriceBookEntryEntity).delete({ priceBookId });
    if (entries.length) await m.getRepository(PriceBookEntryEntity).insert(entries);
  }

  findById(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<PriceBookEntity | null> {
    const qb = m.getRepository(PriceBookEntity).createQueryBuilder('b').where('b.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** The entries of several books in one query, by book id. */
  async entriesOf(m: EntityManager, bookIds: readonly string[]): Promise<Map<string, PriceBookEntryEntity[]>> {
    const out = new Map<string, PriceBookEntryEntity[]>(bookIds.map((id) => [id, []]));
    if (bookIds.length === 0) return out;
    const rows = await m
      .getRepository(PriceBookEntryEntity)
      .find({ where: { priceBookId: In([...bookIds]) }, order: { productId: 'ASC' } });
    for (const r of rows) out.get(r.priceBookId)?.push(r);
    return out;
  }

  /**
   * The active books of the same target whose [from, to) overlaps [from, to), other than `exceptId`.
   * The locking read holds the target's index range, so two writers of the same target cannot both
   * find it free (one waits, or is a deadlock victim and runs again).
   */
  async overlapping(m: EntityManager, t: BookTarget, from: Date, to: Date | null, exceptId: string | null): Promise<PriceBookEntity[]> {
    const rows = await m
      .getRepository(PriceBookEntity)
      .createQueryBuilder('b')
      .where('b.channel <=> :channel AND b.segment <=> :segment AND b.currency = :currency', t)
      .setLock('pessimistic_write')
      .getMany();
    return rows.filter(
      (b) => b.id !== exceptId && b.active && (to === null || b.validFrom < to) && (b.validTo === null || b.validTo > from),
    );
  }

  /**
   * Every entry for `productIds` of an active book valid at `at` in `currency` whose channel and
   * segment are the request's or unset: one query for all products of a pricing.
   */
  async applicable(
    m: EntityManager,
    productIds: readonly string[],
    at: Date,
    target: { channel: string | null; segment: string | null; currency: string },
  ): Promise<ApplicableEntry[]> {
    if (productIds.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT e.price_book_id, e.product_id, e.base_price, e.adders, e.tiers, b.channel, b.segment
         FROM price_book_entry e JOIN price_book b ON b.id = e.price_book_id
        WHERE e.product_id IN (?) AND b.active = 1 AND b.currency = ? AND b.valid_from <= ?
          AND (b.valid_to IS NULL OR b.valid_to > ?)
          AND (b.channel IS NULL OR b.channel = ?) AND (b.segment IS NULL OR b.segment = ?)`,
      [[...new Set(productIds)], target.currency, at, at, target.channel, target.segment],
    );
    return rows.map((r) => ({
      entry: {
        priceBookId: r.price_book_id as string,
        productId: r.product_id as string,
        basePrice: r.base_price as string | null,
        adders: json(r.adders) as PriceBookEntryEntity['adders'],
        tiers: json(r.tiers) as PriceBookEntryEntity['tiers'],
      },
      channel: r.channel as string | null,
      segment: r.segment as string | null,
    }));
  }

  list(
    q: ListPriceBooksDto,
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<PriceBookEntity[]> {
    const query = new KeysetQuery(PRICE_BOOK_LIST).equal('b.channel', q.channel).equal('b.segment', q.segment).equal('b.active', q.active);
    return query.after(position).applyTo(m.getRepository(PriceBookEntity).createQueryBuilder('b'), limit).getMany();
  }
}

/** MariaDB's JSON is LONGTEXT: raw queries answer text. */
function json(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : (v ?? null);
}
