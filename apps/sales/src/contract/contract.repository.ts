import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { CrmError, ErrorCode, type ListContractsDto, type ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { ContractEntity, ContractLineEntity } from './contract.entity.js';

const OWNER = { ownerColumn: 'ownerId' };

/** Newest first (SPEC §6.0), the id breaking ties. */
export const CONTRACT_LIST: KeysetList<Pick<ContractEntity, 'createdAt' | 'id'>> = {
  name: 'sales.contracts',
  keys: [
    { column: 'c.created_at', kind: 'time' },
    { column: 'c.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (c) => [c.createdAt, c.id],
};

/** An accepted quote as a contract is made from it (shared columns of `quote` and `opportunity`). */
export interface QuoteSource {
  quoteId: string;
  quoteNo: string;
  revision: number;
  status: string;
  currency: string;
  opportunityId: string;
  accountId: string;
  ownerId: string;
}

export interface QuoteLineSource {
  lineNo: number;
  productId: string | null;
  sku: string;
  name: string;
  quantity: string;
  unitPrice: string;
  netAmount: string;
}

export type NewContract = Omit<ContractEntity, 'version' | 'createdAt' | 'updatedAt'>;

/** `AND <column> IN (…)` for a data scope in plain SQL, as `applyScope` does for query builders. */
function scopeSql(scope: ScopeGrant | null, column: string): { sql: string; params: unknown[] } {
  if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
  if (scope.scope === 'all' || scope.owners === null) return { sql: '', params: [] };
  if (scope.owners.length === 0) return { sql: ' AND 1 = 0', params: [] };
  return { sql: ` AND ${column} IN (${scope.owners.map(() => '?').join(', ')})`, params: scope.owners };
}

/**
 * All SQL of contracts. `contract` and `contract_line` are this feature's; `quote`, `quote_line`,
 * `opportunity` and `account` are read through the shared columns only (docs: BRIEF "Shared tables").
 */
@Injectable()
export class ContractRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: NewContract, lines: ContractLineEntity[]): Promise<ContractEntity> {
    await m.getRepository(ContractEntity).insert(row);
    if (lines.length) await m.getRepository(ContractLineEntity).insert(lines);
    return m.getRepository(ContractEntity).findOneByOrFail({ id: row.id });
  }

  /** The contract if it is within `scope`; `lock` holds it for an update in `m`'s transaction. */
  find(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<ContractEntity | null> {
    const qb = applyScope(m.getRepository(ContractEntity).createQueryBuilder('c').where('c.id = :id', { id }), 'c', scope, OWNER);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** The contract made from a quote, whoever owns it (to name it in a 4090). */
  async idByQuote(quoteId: string, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    const row = await m.getRepository(ContractEntity).findOne({ where: { quoteId }, select: { id: true } });
    return row?.id ?? null;
  }

  lines(contractIds: string[], m: EntityManager = this.dataSource.manager): Promise<ContractLineEntity[]> {
    if (contractIds.length === 0) return Promise.resolve([]);
    return m.getRepository(ContractLineEntity).find({ where: { contractId: In(contractIds) }, order: { lineNo: 'ASC' } });
  }

  async update(m: EntityManager, id: string, patch: Partial<ContractEntity>): Promise<ContractEntity> {
    await m.getRepository(ContractEntity).update({ id }, patch);
    return m.getRepository(ContractEntity).findOneByOrFail({ id });
  }

  /** One page of `CONTRACT_LIST` after `position` (`limit + 1` rows). */
  list(
    q: ListContractsDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<ContractEntity[]> {
    const query = new KeysetQuery(CONTRACT_LIST)
      .equal('c.account_id', q.accountId)
      .equal('c.status', q.status)
      .equal('c.owner_id', q.ownerId)
      .after(position);
    if (q.endsBefore !== undefined) query.where('c.end_date < ?', q.endsBefore);
    // Scope last: it brackets the list's own conditions before adding the owner filter.
    return applyScope(query.applyTo(m.getRepository(ContractEntity).createQueryBuilder('c'), limit), 'c', scope, OWNER).getMany();
  }

  /** The quote with its opportunity's account and owner, if that opportunity is within `scope`. */
  async quoteSource(quoteId: string, scope: ScopeGrant | null, m: EntityManager): Promise<QuoteSource | null> {
    const s = scopeSql(scope, 'o.owner_id');
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT q.id AS quoteId, q.quote_no AS quoteNo, q.revision AS revision, q.status AS status, q.currency AS currency,
              q.opportunity_id AS opportunityId, o.account_id AS accountId, o.owner_id AS ownerId
         FROM quote q JOIN opportunity o ON o.id = q.opportunity_id
        WHERE q.id = ?${s.sql}
        LOCK IN SHARE MODE`,
      [quoteId, ...s.params],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      quoteId: String(r.quoteId),
      quoteNo: String(r.quoteNo),
      revision: Number(r.revision),
      status: String(r.status),
      currency: String(r.currency),
      opportunityId: String(r.opportunityId),
      accountId: String(r.accountId),
      ownerId: String(r.ownerId),
    };
  }

  async quoteLines(quoteId: string, m: EntityManager): Promise<QuoteLineSource[]> {
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT line_no AS lineNo, product_id AS productId, sku, name, quantity, unit_price AS unitPrice, net_amount AS netAmount
         FROM quote_line WHERE quote_id = ? ORDER BY line_no`,
      [quoteId],
    );
    return rows.map((r) => ({
      lineNo: Number(r.lineNo),
      productId: r.productId === null || r.productId === undefined ? null : String(r.productId),
      sku: String(r.sku),
      name: String(r.name),
      quantity: String(r.quantity),
      unitPrice: String(r.unitPrice),
      netAmount: String(r.netAmount),
    }));
  }

  /** Whether the account exists within `scope` (shared columns of `account`). */
  async accountVisible(accountId: string, scope: ScopeGrant | null, m: EntityManager): Promise<boolean> {
    const s = scopeSql(scope, 'owner_id');
    const rows: unknown[] = await m.query(`SELECT id FROM account WHERE id = ?${s.sql}`, [accountId, ...s.params]);
    return rows.length > 0;
  }

  /**
   * Active contracts whose renewal notice is due (end within [today, cutoff]) and not yet sent,
   * locked for this transaction; rows another replica holds are skipped, not waited for.
   */
  claimRenewalDue(m: EntityManager, today: string, cutoff: string, limit: number): Promise<ContractEntity[]> {
    return m
      .getRepository(ContractEntity)
      .createQueryBuilder('c')
      .where("c.status = 'active'")
      .andWhere('c.renewal_notice_at IS NULL')
      .andWhere('c.end_date >= :today AND c.end_date <= :cutoff', { today, cutoff })
      .orderBy('c.end_date', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** The once-only guard: true for exactly one transaction per contract term. */
  async markNoticed(m: EntityManager, id: string): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ContractEntity)
      .set({ renewalNoticeAt: () => 'NOW(3)' })
      .where("id = :id AND status = 'active' AND renewal_notice_at IS NULL", { id })
      .execute();
    return r.affected === 1;
  }

  /** Active contracts whose last day has passed, locked (skipping those another replica holds). */
  claimExpired(m: EntityManager, today: string, limit: number): Promise<ContractEntity[]> {
    return m
      .getRepository(ContractEntity)
      .createQueryBuilder('c')
      .where("c.status = 'active'")
      .andWhere('c.end_date < :today', { today })
      .orderBy('c.end_date', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** active → expired, once: false when another transaction changed it first. */
  async markExpired(m: EntityManager, id: string, version: number): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ContractEntity)
      .set({ status: 'expired', expiredAt: () => 'NOW(3)', version: version + 1, updatedBy: 'system' })
      .where("id = :id AND status = 'active' AND version = :version", { id, version })
      .execute();
    return r.affected === 1;
  }

  async reload(m: EntityManager, id: string): Promise<ContractEntity> {
    return m.getRepository(ContractEntity).findOneByOrFail({ id });
  }
}
