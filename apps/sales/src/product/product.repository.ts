import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { ListProductsDto } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { ProductEntity } from './product.entity.js';

/** Newest first, the id breaking ties between products created in the same millisecond. */
export const PRODUCT_LIST: KeysetList<Pick<ProductEntity, 'createdAt' | 'id'>> = {
  name: 'sales.products',
  keys: [
    { column: 'p.created_at', kind: 'time' },
    { column: 'p.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (p) => [p.createdAt, p.id],
};

const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every query of products. The catalogue belongs to no owner: every employee with `product.read`
 * reads all of it (no data scope applies, unlike accounts and opportunities).
 */
@Injectable()
export class ProductRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<ProductEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<ProductEntity> {
    await m.getRepository(ProductEntity).insert(row);
    return m.getRepository(ProductEntity).findOneByOrFail({ id: row.id });
  }

  findById(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<ProductEntity | null> {
    const qb = m.getRepository(ProductEntity).createQueryBuilder('p').where('p.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** The products of `ids` that exist, in one query (pricing and price books load each product once per request). */
  findByIds(m: EntityManager, ids: readonly string[]): Promise<ProductEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return m.getRepository(ProductEntity).findBy({ id: In([...new Set(ids)]) });
  }

  async update(m: EntityManager, id: string, patch: Partial<ProductEntity>): Promise<ProductEntity> {
    await m.getRepository(ProductEntity).update({ id }, patch);
    return m.getRepository(ProductEntity).findOneByOrFail({ id });
  }

  /** One page after `position` (`limit + 1` rows). `q`: the sku starts with it or the name contains it. */
  list(
    q: ListProductsDto,
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<ProductEntity[]> {
    const query = new KeysetQuery(PRODUCT_LIST).equal('p.family', q.family).equal('p.kind', q.kind).equal('p.active', q.active);
    if (q.q !== undefined) query.where('(p.sku LIKE ? OR p.name LIKE ?)', `${likeEscaped(q.q)}%`, `%${likeEscaped(q.q)}%`);
    return query.after(position).applyTo(m.getRepository(ProductEntity).createQueryBuilder('p'), limit).getMany();
  }
}
