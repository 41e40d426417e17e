import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AssignmentRuleKind } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';

/** A territory as stored. */
export interface TerritoryRow {
  id: string;
  name: string;
  parentId: string | null;
  regionCode: string | null;
  industryCodes: string[];
  segments: string[];
  teamId: string | null;
  ruleId: string;
  ruleKind: AssignmentRuleKind;
  ruleOwnerId: string | null;
  priority: number;
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type TerritoryFields = Omit<TerritoryRow, 'id' | 'version' | 'createdBy' | 'updatedBy' | 'createdAt' | 'updatedAt'>;

interface RawTerritory {
  id: string;
  name: string;
  parent_id: string | null;
  region_code: string | null;
  industry_codes: string | string[];
  segments: string | string[];
  team_id: string | null;
  rule_id: string;
  rule_kind: AssignmentRuleKind;
  rule_owner_id: string | null;
  priority: number;
  version: number;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

export const TERRITORY_LIST: KeysetList<Pick<TerritoryRow, 'createdAt' | 'id'>> = {
  name: 'sales.territories',
  keys: [
    { column: 't.created_at', kind: 'time' },
    { column: 't.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (t) => [t.createdAt, t.id],
};

const COLUMNS = `t.id, t.name, t.parent_id, t.region_code, t.industry_codes, t.segments, t.team_id, t.rule_id, t.rule_kind,
  t.rule_owner_id, t.priority, t.version, t.created_by, t.updated_by, t.created_at, t.updated_at`;

/** MariaDB returns JSON columns as text, MySQL as values. */
function jsonArray(v: string | string[]): string[] {
  return typeof v === 'string' ? (JSON.parse(v) as string[]) : v;
}

function toRow(r: RawTerritory): TerritoryRow {
  return {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    regionCode: r.region_code,
    industryCodes: jsonArray(r.industry_codes),
    segments: jsonArray(r.segments),
    teamId: r.team_id,
    ruleId: r.rule_id,
    ruleKind: r.rule_kind,
    ruleOwnerId: r.rule_owner_id,
    priority: Number(r.priority),
    version: Number(r.version),
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/**
 * All SQL of territories, their assignment state, and the loads least-loaded reads. Territories
 * are configuration, not owned records: no data scope applies to them.
 */
@Injectable()
export class TerritoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, id: string, f: TerritoryFields, by: string): Promise<TerritoryRow> {
    await m.query(
      `INSERT INTO territory (id, name, parent_id, region_code, industry_codes, segments, team_id, rule_id, rule_kind, rule_owner_id,
         priority, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        f.name,
        f.parentId,
        f.regionCode,
        JSON.stringify(f.industryCodes),
        JSON.stringify(f.segments),
        f.teamId,
        f.ruleId,
        f.ruleKind,
        f.ruleOwnerId,
        f.priority,
        by,
        by,
      ],
    );
    return (await this.find(id, m))!;
  }

  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<TerritoryRow | null> {
    const rows: RawTerritory[] = await m.query(`SELECT ${COLUMNS} FROM territory t WHERE t.id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async update(m: EntityManager, id: string, f: TerritoryFields, version: number, by: string): Promise<TerritoryRow> {
    await m.query(
      `UPDATE territory SET name = ?, parent_id = ?, region_code = ?, industry_codes = ?, segments = ?, team_id = ?, rule_id = ?,
         rule_kind = ?, rule_owner_id = ?, priority = ?, version = ?, updated_by = ? WHERE id = ?`,
      [
        f.name,
        f.parentId,
        f.regionCode,
        JSON.stringify(f.industryCodes),
        JSON.stringify(f.segments),
        f.teamId,
        f.ruleId,
        f.ruleKind,
        f.ruleOwnerId,
        f.priority,
        version,
        by,
        id,
      ],
    );
    return (await this.find(id, m))!;
  }

  /** Every territory (placement reads them all: a territory table is small). */
  async all(m: EntityManager = this.dataSource.manager): Promise<TerritoryRow[]> {
    const rows: RawTerritory[] = await m.query(`SELECT ${COLUMNS} FROM territory t`);
    return rows.map(toRow);
  }

  async list(
    q: { parentId?: string; teamId?: string },
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<TerritoryRow[]> {
    const query = new KeysetQuery(TERRITORY_LIST).equal('t.parent_id', q.parentId).equal('t.team_id', q.teamId).after(position);
    const { sql, params } = query.page(COLUMNS, 'territory t', limit);
    const rows: RawTerritory[] = await m.query(sql, params);
    return rows.map(toRow);
  }

  async teamExists(m: EntityManager, teamId: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM sales_team WHERE id = ?', [teamId]);
    return rows.length > 0;
  }

  /**
   * The assignment state of a territory, its row locked in `m`'s transaction (created on first
   * use), so concurrent placements in one territory take turns one after the other.
   */
  async lockState(m: EntityManager, territoryId: string): Promise<{ lastOwnerId: string | null }> {
    await m.query('INSERT IGNORE INTO territory_assignment_state (territory_id) VALUES (?)', [territoryId]);
    const rows: Array<{ last_owner_id: string | null }> = await m.query(
      'SELECT last_owner_id FROM territory_assignment_state WHERE territory_id = ? FOR UPDATE',
      [territoryId],
    );
    return { lastOwnerId: rows[0]?.last_owner_id ?? null };
  }

  /** The state without locking (dry runs: nothing is assigned). */
  async peekState(m: EntityManager, territoryId: string): Promise<{ lastOwnerId: string | null }> {
    const rows: Array<{ last_owner_id: string | null }> = await m.query(
      'SELECT last_owner_id FROM territory_assignment_state WHERE territory_id = ?',
      [territoryId],
    );
    return { lastOwnerId: rows[0]?.last_owner_id ?? null };
  }

  async saveState(m: EntityManager, territoryId: string, lastOwnerId: string): Promise<void> {
    await m.query('UPDATE territory_assignment_state SET last_owner_id = ?, assigned = assigned + 1 WHERE territory_id = ?', [
      lastOwnerId,
      territoryId,
    ]);
  }

  /** Open opportunities plus accounts owned, per employee (least-loaded). */
  async loads(m: EntityManager, employees: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>(employees.map((e) => [e, 0]));
    if (!employees.length) return out;
    const rows: Array<{ owner_id: string; n: string | number }> = await m.query(
      `SELECT owner_id, SUM(n) AS n FROM (
         SELECT owner_id, COUNT(*) AS n FROM account WHERE owner_id IN (?) GROUP BY owner_id
         UNION ALL
         SELECT owner_id, COUNT(*) AS n FROM opportunity WHERE owner_id IN (?) AND status = 'open' GROUP BY owner_id
       ) loads GROUP BY owner_id`,
      [employees, employees],
    );
    for (const r of rows) out.set(r.owner_id, Number(r.n));
    return out;
  }
}
