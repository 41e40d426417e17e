import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode, type ListQuotasDto, type QuotaOwnerKind, type QuotaPeriod, type ScopeGrant } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';

export interface QuotaRow {
  id: string;
  ownerKind: QuotaOwnerKind;
  ownerId: string;
  period: QuotaPeriod;
  periodStart: string;
  periodEnd: string;
  /** DECIMAL(18,2) as mysql2 returns it: exact text. */
  amount: string;
  currency: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

interface RawQuota {
  id: string;
  owner_kind: QuotaOwnerKind;
  owner_id: string;
  period: QuotaPeriod;
  period_start: string;
  period_end: string;
  amount: string;
  currency: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const QUOTA_LIST: KeysetList<Pick<QuotaRow, 'createdAt' | 'id'>> = {
  name: 'sales.quotas',
  keys: [
    { column: 'q.created_at', kind: 'time' },
    { column: 'q.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (q) => [q.createdAt, q.id],
};

const COLUMNS = `q.id, q.owner_kind, q.owner_id, q.period, DATE_FORMAT(q.period_start, '%Y-%m-%d') AS period_start,
  DATE_FORMAT(q.period_end, '%Y-%m-%d') AS period_end, q.amount, q.currency, q.version, q.created_at, q.updated_at`;

function toRow(r: RawQuota): QuotaRow {
  return {
    id: r.id,
    ownerKind: r.owner_kind,
    ownerId: r.owner_id,
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    amount: String(r.amount),
    currency: r.currency,
    version: Number(r.version),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/**
 * The data scope of quotas: an employee's quota belongs to that employee; a team's to its manager
 * and members. `all` adds nothing; a call without an employee is refused, as `applyScope` does.
 */
function scoped(scope: ScopeGrant | null): { sql: string | null; params: unknown[] } {
  if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
  if (scope.scope === 'all' || scope.owners === null) return { sql: null, params: [] };
  if (!scope.owners.length) return { sql: '1 = 0', params: [] };
  const o = scope.owners;
  return {
    sql: `((q.owner_kind = 'employee' AND q.owner_id IN (?)) OR (q.owner_kind = 'team' AND EXISTS (
            SELECT 1 FROM sales_team t WHERE t.id = q.owner_id AND (t.manager_id IN (?)
              OR EXISTS (SELECT 1 FROM sales_team_member x WHERE x.team_id = t.id AND x.employee_id IN (?))))))`,
    params: [o, o, o],
  };
}

/** All SQL of quotas, each read limited to the caller's data scope. */
@Injectable()
export class QuotaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByPeriod(
    m: EntityManager,
    key: { ownerKind: QuotaOwnerKind; ownerId: string; periodStart: string; periodEnd: string },
  ): Promise<QuotaRow | null> {
    const rows: RawQuota[] = await m.query(
      `SELECT ${COLUMNS} FROM quota q WHERE q.owner_kind = ? AND q.owner_id = ? AND q.period_start = ? AND q.period_end = ? FOR UPDATE`,
      [key.ownerKind, key.ownerId, key.periodStart, key.periodEnd],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async find(id: string, scope: ScopeGrant | null, m: EntityManager = this.dataSource.manager): Promise<QuotaRow | null> {
    const s = scoped(scope);
    const rows: RawQuota[] = await m.query(`SELECT ${COLUMNS} FROM quota q WHERE q.id = ?${s.sql ? ` AND ${s.sql}` : ''}`, [
      id,
      ...s.params,
    ]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Whether the owner is within the scope (employee: one of its owners; team: manager or a member is). */
  async ownerInScope(m: EntityManager, ownerKind: QuotaOwnerKind, ownerId: string, scope: ScopeGrant | null): Promise<boolean> {
    const s = scoped(scope);
    if (!s.sql) return true;
    const rows: unknown[] = await m.query(`SELECT 1 FROM (SELECT ? AS owner_kind, ? AS owner_id) q WHERE ${s.sql}`, [
      ownerKind,
      ownerId,
      ...s.params,
    ]);
    return rows.length > 0;
  }

  async teamExists(m: EntityManager, teamId: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM sales_team WHERE id = ?', [teamId]);
    return rows.length > 0;
  }

  async insert(m: EntityManager, r: Omit<QuotaRow, 'version' | 'createdAt' | 'updatedAt'>, by: string): Promise<QuotaRow> {
    await m.query(
      `INSERT INTO quota (id, owner_kind, owner_id, period, period_start, period_end, amount, currency, created_by, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.ownerKind, r.ownerId, r.period, r.periodStart, r.periodEnd, r.amount, r.currency, by, by],
    );
    return (await this.find(r.id, { scope: 'all', owners: null }, m))!;
  }

  async update(m: EntityManager, id: string, patch: { amount: string; currency: string; version: number }, by: string): Promise<QuotaRow> {
    await m.query('UPDATE quota SET amount = ?, currency = ?, version = ?, updated_by = ? WHERE id = ?', [
      patch.amount,
      patch.currency,
      patch.version,
      by,
      id,
    ]);
    return (await this.find(id, { scope: 'all', owners: null }, m))!;
  }

  async list(
    q: ListQuotasDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<QuotaRow[]> {
    const query = new KeysetQuery(QUOTA_LIST).equal('q.owner_kind', q.ownerKind).equal('q.owner_id', q.ownerId).equal('q.period', q.period);
    if (q.at !== undefined) query.where('q.period_start <= ? AND q.period_end >= ?', q.at, q.at);
    const s = scoped(scope);
    if (s.sql) query.where(s.sql, ...s.params);
    const { sql, params } = query.after(position).page(COLUMNS, 'quota q', limit);
    const rows: RawQuota[] = await m.query(sql, params);
    return rows.map(toRow);
  }
}
