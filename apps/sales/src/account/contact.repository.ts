import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ListContactsDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { AccountEntity } from './account.entity.js';
import { ContactEntity } from './contact.entity.js';

/** A contact is in scope when its account's owner is. */
const ACCOUNT_OWNER = { ownerColumn: 'ownerId' };

export const CONTACT_LIST: KeysetList<Pick<ContactEntity, 'createdAt' | 'id'>> = {
  name: 'sales.contacts',
  keys: [
    { column: 'c.created_at', kind: 'time' },
    { column: 'c.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (c) => [c.createdAt, c.id],
};

/** Every query of contacts, scoped through their account. */
@Injectable()
export class ContactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private scoped(m: EntityManager): SelectQueryBuilder<ContactEntity> {
    return m.getRepository(ContactEntity).createQueryBuilder('c').innerJoin(AccountEntity, 'a', 'a.id = c.account_id');
  }

  async insert(m: EntityManager, row: Omit<ContactEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<ContactEntity> {
    await m.getRepository(ContactEntity).insert(row);
    if (row.primary) await this.syncPrimaryKey(m, row.id);
    return m.getRepository(ContactEntity).findOneByOrFail({ id: row.id });
  }

  /** `primary_of` follows `is_primary`: its unique key is what allows one primary contact per account. */
  private async syncPrimaryKey(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE contact SET primary_of = IF(is_primary = 1, account_id, NULL) WHERE id = ?', [id]);
  }

  /** The contact if its account is within `scope`; `lock` holds the contact row in `m`'s transaction. */
  findById(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<ContactEntity | null> {
    const qb = applyScope(this.scoped(m).where('c.id = :id', { id }), 'a', scope, ACCOUNT_OWNER);
    // MariaDB has no FOR UPDATE OF: the account row is locked too (contact changes hold it already).
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** The account's primary contact, locked (callers hold the account's lock, which serialises primary changes). */
  findPrimary(m: EntityManager, accountId: string): Promise<ContactEntity | null> {
    return m
      .getRepository(ContactEntity)
      .createQueryBuilder('c')
      .where('c.accountId = :accountId AND c.primary = 1', { accountId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Locks the account row of a contact change (no scope: the caller checked it). */
  async lockAccount(m: EntityManager, accountId: string): Promise<void> {
    await m.query('SELECT id FROM account WHERE id = ? FOR UPDATE', [accountId]);
  }

  async update(m: EntityManager, id: string, patch: Partial<ContactEntity>): Promise<ContactEntity> {
    await m.getRepository(ContactEntity).update({ id }, patch);
    if (patch.primary !== undefined) await this.syncPrimaryKey(m, id);
    return m.getRepository(ContactEntity).findOneByOrFail({ id });
  }

  list(
    q: ListContactsDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<ContactEntity[]> {
    const query = new KeysetQuery(CONTACT_LIST)
      .equal('c.account_id', q.accountId)
      .equal('c.role', q.role)
      .equal('c.is_primary', q.primary === undefined ? undefined : q.primary ? 1 : 0)
      .after(position);
    return applyScope(query.applyTo(this.scoped(m), limit), 'a', scope, ACCOUNT_OWNER).getMany();
  }
}
