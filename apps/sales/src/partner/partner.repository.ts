import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { ListPartnersDto, ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { PartnerEntity } from './partner.entity.js';

const OWNER = { ownerColumn: 'ownerId' };

/** Newest first, the id breaking ties. */
export const PARTNER_LIST: KeysetList<Pick<PartnerEntity, 'createdAt' | 'id'>> = {
  name: 'sales.partners',
  keys: [
    { column: 'p.created_at', kind: 'time' },
    { column: 'p.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (p) => [p.createdAt, p.id],
};

export type NewPartner = Omit<PartnerEntity, 'version' | 'createdAt' | 'updatedAt'>;

/** Every query of partners; employees' reads are limited to their data scope (by channel manager). */
@Injectable()
export class PartnerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: NewPartner): Promise<PartnerEntity> {
    await m.getRepository(PartnerEntity).insert(row);
    return m.getRepository(PartnerEntity).findOneByOrFail({ id: row.id });
  }

  find(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager, lock = false): Promise<PartnerEntity | null> {
    const qb = applyScope(m.getRepository(PartnerEntity).createQueryBuilder('p').where('p.id = :id', { id }), 'p', scope, OWNER);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** The partner whose system calls as `callerName` (unscoped: the caller is the partner itself). */
  byCaller(callerName: string, m: EntityManager = this.dataSource.manager): Promise<PartnerEntity | null> {
    return m.getRepository(PartnerEntity).findOneBy({ callerName });
  }

  async names(ids: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await m.getRepository(PartnerEntity).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async update(m: EntityManager, id: string, patch: Partial<PartnerEntity>): Promise<PartnerEntity> {
    await m.getRepository(PartnerEntity).update({ id }, patch);
    return m.getRepository(PartnerEntity).findOneByOrFail({ id });
  }

  list(
    q: ListPartnersDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<PartnerEntity[]> {
    const query = new KeysetQuery(PARTNER_LIST).equal('p.kind', q.kind).equal('p.status', q.status).after(position);
    if (q.regionCode !== undefined) query.where('JSON_CONTAINS(p.region_codes, JSON_QUOTE(?))', q.regionCode);
    return applyScope(query.applyTo(m.getRepository(PartnerEntity).createQueryBuilder('p'), limit), 'p', scope, OWNER).getMany();
  }
}
