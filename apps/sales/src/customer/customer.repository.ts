import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListCustomersDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { CustomerEntity } from './customer.entity.js';

const OWNER = { ownerColumn: 'ownerId' };

/** Newest first (SPEC §6.0), the id breaking ties between customers created in the same millisecond. */
export const CUSTOMER_LIST: KeysetList<Pick<CustomerEntity, 'createdAt' | 'id'>> = {
  name: 'sales.customers',
  keys: [
    { column: 'c.created_at', kind: 'time' },
    { column: 'c.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (c) => [c.createdAt, c.id],
};

/** Every query of customers, each limited to the caller's data scope. */
@Injectable()
export class CustomerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<CustomerEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<CustomerEntity> {
    await m.getRepository(CustomerEntity).insert(row);
    return m.getRepository(CustomerEntity).findOneByOrFail({ id: row.id });
  }

  /** The customer if it is within `scope`; `lock` holds it for an update in `m`'s transaction. */
  findByAccountNo(
    accountNo: string,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CustomerEntity | null> {
    const qb = applyScope(
      m.getRepository(CustomerEntity).createQueryBuilder('c').where('c.accountNo = :accountNo', { accountNo }),
      'c',
      scope,
      OWNER,
    );
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  async update(m: EntityManager, id: string, patch: Partial<CustomerEntity>): Promise<CustomerEntity> {
    await m.getRepository(CustomerEntity).update({ id }, patch);
    return m.getRepository(CustomerEntity).findOneByOrFail({ id });
  }

  /** One page of `CUSTOMER_LIST` after `position` (`limit + 1` rows, so the caller knows whether there is a next page). */
  list(
    q: ListCustomersDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<CustomerEntity[]> {
    const query = new KeysetQuery(CUSTOMER_LIST).equal('c.segment', q.segment).equal('c.owner_id', q.ownerId).after(position);
    // Scope last: it brackets the list's own conditions before adding the owner filter.
    return applyScope(query.applyTo(m.getRepository(CustomerEntity).createQueryBuilder('c'), limit), 'c', scope, OWNER).getMany();
  }
}
