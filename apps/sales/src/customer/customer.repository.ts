import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListCustomersDto, ScopeGrant } from '@crm/contracts';
import { applyScope } from '@crm/persistence';
import { CustomerEntity } from './customer.entity.js';

const OWNER = { ownerColumn: 'ownerId' };

/** Every query of customers, each limited to the caller's data scope. */
@Injectable()
export class CustomerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<CustomerEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<CustomerEntity> {
    await m.getRepository(CustomerEntity).insert(row);
    return m.getRepository(CustomerEntity).findOneByOrFail({ id: row.id });
  }

  /** The customer if it is within `scope`; `lock` holds it for an update in `m`'s transaction. */
  findByAccountNo(accountNo: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<CustomerEntity | null> {
    const qb = applyScope(m.getRepository(CustomerEntity).createQueryBuilder('c').where('c.accountNo = :accountNo', { accountNo }), 'c', scope, OWNER);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  async update(m: EntityManager, id: string, patch: Partial<CustomerEntity>): Promise<CustomerEntity> {
    await m.getRepository(CustomerEntity).update({ id }, patch);
    return m.getRepository(CustomerEntity).findOneByOrFail({ id });
  }

  /** Newest first, `limit + 1` rows so the caller knows whether there is a next page. */
  list(q: ListCustomersDto, limit: number, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager): Promise<CustomerEntity[]> {
    const qb = m.getRepository(CustomerEntity).createQueryBuilder('c');
    if (q.segment) qb.andWhere('c.segment = :segment', { segment: q.segment });
    if (q.ownerId) qb.andWhere('c.ownerId = :ownerId', { ownerId: q.ownerId });
    if (q.cursor) {
      const [ms, id] = q.cursor.split('_');
      const at = new Date(Number(ms));
      qb.andWhere('(c.createdAt < :at OR (c.createdAt = :at AND c.id < :id))', { at, id });
    }
    return applyScope(qb, 'c', scope, OWNER).orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
  }
}

export function customerCursor(c: CustomerEntity): string {
  return `${c.createdAt.getTime()}_${c.id}`;
}
