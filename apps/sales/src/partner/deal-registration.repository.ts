import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ListDealRegistrationsDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { DealRegistrationEntity, PartnerEntity } from './partner.entity.js';
import { normalizeAccountName } from './partner.mapper.js';

/** Newest first, the id breaking ties. */
export const DEAL_REGISTRATION_LIST: KeysetList<Pick<DealRegistrationEntity, 'createdAt' | 'id'>> = {
  name: 'sales.deal-registrations',
  keys: [
    { column: 'r.created_at', kind: 'time' },
    { column: 'r.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (r) => [r.createdAt, r.id],
};

/** Who reads: an employee within their scope (by the partner's channel manager), or one partner's own caller. */
export type RegistrationReader = { scope: ScopeGrant | null } | { partnerId: string };

export type NewDealRegistration = Omit<DealRegistrationEntity, 'version' | 'createdAt' | 'updatedAt'>;

/** What a registration names to find its account by. */
export interface AccountClue {
  registrationNo: string | null;
  /** The name as sent (trimmed). */
  name: string;
  normalizedName: string;
  regionCode: string | null;
}

/** Accounts of one region compared by normalised name in code; more than this in one region is not expected. */
const REGION_SCAN_LIMIT = 5000;
const COLLISION_LIMIT = 50;

/**
 * All SQL of deal registrations. `account` and `opportunity` are read through their shared
 * columns only (`account`: id, name, registration_no, region_code; `opportunity`: id, account_id,
 * status, created_at).
 */
@Injectable()
export class DealRegistrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: NewDealRegistration): Promise<DealRegistrationEntity> {
    await m.getRepository(DealRegistrationEntity).insert(row);
    return m.getRepository(DealRegistrationEntity).findOneByOrFail({ id: row.id });
  }

  private readable(qb: SelectQueryBuilder<DealRegistrationEntity>, reader: RegistrationReader) {
    if ('partnerId' in reader) return qb.andWhere('r.partner_id = :readerPartner', { readerPartner: reader.partnerId });
    return applyScope(qb.innerJoin(PartnerEntity, 'p', 'p.id = r.partner_id'), 'p', reader.scope, { ownerColumn: 'ownerId' });
  }

  find(
    id: string,
    reader: RegistrationReader,
    m: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<DealRegistrationEntity | null> {
    const qb = this.readable(m.getRepository(DealRegistrationEntity).createQueryBuilder('r').where('r.id = :id', { id }), reader);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  byRef(partnerId: string, partnerRef: string, m: EntityManager = this.dataSource.manager): Promise<DealRegistrationEntity | null> {
    return m.getRepository(DealRegistrationEntity).findOneBy({ partnerId, partnerRef });
  }

  async update(m: EntityManager, id: string, patch: Partial<DealRegistrationEntity>): Promise<DealRegistrationEntity> {
    await m.getRepository(DealRegistrationEntity).update({ id }, patch);
    return m.getRepository(DealRegistrationEntity).findOneByOrFail({ id });
  }

  list(
    q: ListDealRegistrationsDto,
    limit: number,
    position: KeyValue[] | undefined,
    reader: RegistrationReader,
    m: EntityManager = this.dataSource.manager,
  ): Promise<DealRegistrationEntity[]> {
    const query = new KeysetQuery(DEAL_REGISTRATION_LIST)
      .equal('r.status', q.status)
      .equal('r.partner_id', 'partnerId' in reader ? undefined : q.partnerId)
      .equal('r.flagged', q.flagged)
      .after(position);
    return this.readable(query.applyTo(m.getRepository(DealRegistrationEntity).createQueryBuilder('r'), limit), reader).getMany();
  }

  /**
   * The existing accounts a registration names: by registration number when it gives one that an
   * account has; otherwise by normalised name, within its region when it gives one.
   */
  async matchAccounts(m: EntityManager, clue: AccountClue): Promise<string[]> {
    if (clue.registrationNo) {
      const rows: Array<{ id: string }> = await m.query('SELECT id FROM account WHERE registration_no = ? LIMIT 10', [clue.registrationNo]);
      if (rows.length) return rows.map((r) => String(r.id));
    }
    // Within a region every account's name is compared normalised; without one, only names equal
    // under the column's collation (case, width, trailing spaces) are candidates.
    const rows: Array<{ id: string; name: string }> = clue.regionCode
      ? await m.query('SELECT id, name FROM account WHERE region_code = ? LIMIT ?', [clue.regionCode, REGION_SCAN_LIMIT])
      : await m.query('SELECT id, name FROM account WHERE name = ? LIMIT 10', [clue.name]);
    return rows.filter((r) => normalizeAccountName(String(r.name)) === clue.normalizedName).map((r) => String(r.id));
  }

  /** Open opportunities on these accounts, oldest first. */
  async openOpportunities(m: EntityManager, accountIds: string[]): Promise<string[]> {
    if (accountIds.length === 0) return [];
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id FROM opportunity WHERE account_id IN (${accountIds.map(() => '?').join(', ')}) AND status = 'open'
        ORDER BY created_at, id LIMIT ?`,
      [...accountIds, COLLISION_LIMIT],
    );
    return rows.map((r) => String(r.id));
  }

  /** Other live (submitted or approved) registrations on the same account or the same normalised name and region. */
  async liveRegistrations(m: EntityManager, clue: AccountClue, accountIds: string[], excludeId: string): Promise<string[]> {
    const byAccount = accountIds.length ? `account_id IN (${accountIds.map(() => '?').join(', ')}) OR ` : '';
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id FROM deal_registration
        WHERE status IN ('submitted', 'approved') AND id <> ?
          AND (${byAccount}(normalized_name = ? AND (? IS NULL OR region_code IS NULL OR region_code = ?)))
        ORDER BY created_at, id LIMIT ?`,
      [excludeId, ...accountIds, clue.normalizedName, clue.regionCode, clue.regionCode, COLLISION_LIMIT],
    );
    return rows.map((r) => String(r.id));
  }
}
