import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListAccountsDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { foldName } from './account-name.js';
import { AccountEntity } from './account.entity.js';

const OWNER = { ownerColumn: 'ownerId' };

/** Newest first (SPEC §6.0), the id breaking ties between accounts created in the same millisecond. */
export const ACCOUNT_LIST: KeysetList<Pick<AccountEntity, 'createdAt' | 'id'>> = {
  name: 'sales.accounts',
  keys: [
    { column: 'a.created_at', kind: 'time' },
    { column: 'a.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (a) => [a.createdAt, a.id],
};

/** How deep a hierarchy may be: deeper is refused (4220), and walks stop there. */
export const MAX_HIERARCHY_DEPTH = 32;

/** An account that holds a duplicate key, named in the 4090. */
export interface ExistingAccount {
  id: string;
  accountNo: string;
}

/** `LIKE` text for a prefix: the value's own `%`, `_` and `\` match literally. */
export function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The subtree of a GB/T 2260 code: `440000` → `44%`, `440300` → `4403%`, `440305` → itself. */
export function regionPattern(code: string): string {
  if (code.endsWith('0000')) return `${code.slice(0, 2)}%`;
  if (code.endsWith('00')) return `${code.slice(0, 4)}%`;
  return code;
}

/** Every query of accounts; reads for a caller are limited to its data scope. */
@Injectable()
export class AccountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    m: EntityManager,
    row: Omit<AccountEntity, 'version' | 'createdAt' | 'updatedAt' | 'legacyDuplicate'>,
  ): Promise<AccountEntity> {
    await m.getRepository(AccountEntity).insert(row);
    return m.getRepository(AccountEntity).findOneByOrFail({ id: row.id });
  }

  /** The account if it is within `scope`; `lock` holds it for an update in `m`'s transaction. */
  findById(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<AccountEntity | null> {
    const qb = applyScope(m.getRepository(AccountEntity).createQueryBuilder('a').where('a.id = :id', { id }), 'a', scope, OWNER);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  async update(m: EntityManager, id: string, patch: Partial<AccountEntity>): Promise<AccountEntity> {
    await m.getRepository(AccountEntity).update({ id }, patch);
    return m.getRepository(AccountEntity).findOneByOrFail({ id });
  }

  /**
   * The ids above `id` (its parent, the parent's parent, …), each row locked in `m`'s transaction, so
   * two concurrent re-parentings that would close a loop wait for each other (or one is a deadlock
   * victim and runs again) instead of both passing the check. Not scoped: the shape is what counts.
   */
  async lockAncestors(m: EntityManager, id: string): Promise<string[]> {
    const chain: string[] = [];
    let next: string | null = id;
    while (next !== null && chain.length <= MAX_HIERARCHY_DEPTH) {
      const rows: Array<{ parent_id: string | null }> = await m.query('SELECT parent_id FROM account WHERE id = ? FOR UPDATE', [next]);
      next = rows[0]?.parent_id ?? null;
      if (next !== null) chain.push(next);
    }
    return chain;
  }

  /** Ancestors of `id`, nearest first, unscoped ids (the caller filters by scope). */
  async ancestorIds(id: string, m: EntityManager = this.dataSource.manager): Promise<string[]> {
    const chain: string[] = [];
    let next: string | null = id;
    while (next !== null && chain.length <= MAX_HIERARCHY_DEPTH) {
      const rows: Array<{ parent_id: string | null }> = await m.query('SELECT parent_id FROM account WHERE id = ?', [next]);
      next = rows[0]?.parent_id ?? null;
      if (next !== null && !chain.includes(next)) chain.push(next);
      else next = null;
    }
    return chain;
  }

  /** The accounts among `ids` within `scope`. */
  findMany(ids: string[], scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager): Promise<AccountEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const qb = m.getRepository(AccountEntity).createQueryBuilder('a').where('a.id IN (:...ids)', { ids });
    return applyScope(qb, 'a', scope, OWNER).getMany();
  }

  /** Which account holds the duplicate keys of `candidate` (registration number, name + region, account number). */
  async holderOf(
    key: 'registrationNo' | 'name' | 'accountNo',
    candidate: { registrationNo: string | null; normalizedName: string; regionCode: string | null; accountNo: string },
    m: EntityManager = this.dataSource.manager,
  ): Promise<ExistingAccount | null> {
    const [where, params] =
      key === 'registrationNo'
        ? ['registration_no = ?', [candidate.registrationNo]]
        : key === 'accountNo'
          ? ['account_no = ?', [candidate.accountNo]]
          : ['normalized_name = ? AND region_key = ? AND legacy_duplicate = 0', [candidate.normalizedName, candidate.regionCode ?? '']];
    const rows: Array<{ id: string; account_no: string }> = await m.query(
      `SELECT id, account_no FROM account WHERE ${where} LIMIT 1`,
      params,
    );
    return rows[0] ? { id: rows[0].id, accountNo: rows[0].account_no } : null;
  }

  /** One page of `ACCOUNT_LIST` after `position` (`limit + 1` rows, so the caller knows whether there is a next page). */
  list(
    q: ListAccountsDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<AccountEntity[]> {
    const query = new KeysetQuery(ACCOUNT_LIST)
      .equal('a.owner_id', q.ownerId)
      .equal('a.segment', q.segment)
      .equal('a.territory_id', q.territoryId)
      .equal('a.parent_id', q.parentId);
    if (q.industryCode !== undefined) query.where('a.industry_code LIKE ?', likePrefix(q.industryCode));
    if (q.regionCode !== undefined) query.where('a.region_code LIKE ?', regionPattern(q.regionCode));
    if (q.q !== undefined) query.where('a.normalized_name LIKE ?', likePrefix(foldName(q.q)));
    query.after(position);
    // Scope last: it brackets the list's own conditions before adding the owner filter.
    return applyScope(query.applyTo(m.getRepository(AccountEntity).createQueryBuilder('a'), limit), 'a', scope, OWNER).getMany();
  }

  /** Direct children of `id` within `scope`, newest first, at most `limit`. */
  children(id: string, scope: ScopeGrant | null, limit: number, m: EntityManager = this.dataSource.manager): Promise<AccountEntity[]> {
    const qb = m
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .where('a.parentId = :id', { id })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit);
    return applyScope(qb, 'a', scope, OWNER).getMany();
  }
}
