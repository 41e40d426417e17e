import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';

/** A team as stored: `sales_team` plus its `sales_team_member` rows. */
export interface TeamRow {
  id: string;
  name: string;
  managerId: string;
  members: string[];
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface RawTeam {
  id: string;
  name: string;
  manager_id: string;
  version: number;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

/** Newest first, the id breaking ties. */
export const TEAM_LIST: KeysetList<Pick<TeamRow, 'createdAt' | 'id'>> = {
  name: 'sales.teams',
  keys: [
    { column: 't.created_at', kind: 'time' },
    { column: 't.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (t) => [t.createdAt, t.id],
};

const COLUMNS = 't.id, t.name, t.manager_id, t.version, t.created_by, t.updated_by, t.created_at, t.updated_at';

/** All SQL of sales teams. Teams are organisation, not owned records: no data scope applies. */
@Injectable()
export class TeamRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, t: Pick<TeamRow, 'id' | 'name' | 'managerId' | 'members' | 'createdBy'>): Promise<TeamRow> {
    await m.query('INSERT INTO sales_team (id, name, manager_id, created_by, updated_by) VALUES (?, ?, ?, ?, ?)', [
      t.id,
      t.name,
      t.managerId,
      t.createdBy,
      t.createdBy,
    ]);
    await this.writeMembers(m, t.id, t.members);
    return (await this.find(t.id, m))!;
  }

  /** The team, `lock` holding its row for an update in `m`'s transaction. */
  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<TeamRow | null> {
    const rows: RawTeam[] = await m.query(`SELECT ${COLUMNS} FROM sales_team t WHERE t.id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!rows[0]) return null;
    return (await this.withMembers(m, rows))[0]!;
  }

  async update(
    m: EntityManager,
    id: string,
    patch: { name: string; managerId: string; version: number; updatedBy: string; members?: string[] },
  ): Promise<TeamRow> {
    await m.query('UPDATE sales_team SET name = ?, manager_id = ?, version = ?, updated_by = ? WHERE id = ?', [
      patch.name,
      patch.managerId,
      patch.version,
      patch.updatedBy,
      id,
    ]);
    if (patch.members) {
      await m.query('DELETE FROM sales_team_member WHERE team_id = ?', [id]);
      await this.writeMembers(m, id, patch.members);
    }
    return (await this.find(id, m))!;
  }

  async list(
    q: { memberId?: string },
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<TeamRow[]> {
    const query = new KeysetQuery(TEAM_LIST).after(position);
    if (q.memberId !== undefined)
      query.where(
        '(t.manager_id = ? OR EXISTS (SELECT 1 FROM sales_team_member x WHERE x.team_id = t.id AND x.employee_id = ?))',
        q.memberId,
        q.memberId,
      );
    const { sql, params } = query.page(COLUMNS, 'sales_team t', limit);
    return this.withMembers(m, await m.query(sql, params));
  }

  /** Teams (id, members, manager) by id, for territories and placement. */
  async membersOf(m: EntityManager, ids: readonly string[]): Promise<Map<string, { managerId: string; members: string[] }>> {
    const out = new Map<string, { managerId: string; members: string[] }>();
    if (!ids.length) return out;
    const rows: RawTeam[] = await m.query(`SELECT ${COLUMNS} FROM sales_team t WHERE t.id IN (?)`, [ids]);
    for (const t of await this.withMembers(m, rows)) out.set(t.id, { managerId: t.managerId, members: t.members });
    return out;
  }

  private async writeMembers(m: EntityManager, teamId: string, members: readonly string[]): Promise<void> {
    if (!members.length) return;
    await m.query('INSERT INTO sales_team_member (team_id, employee_id) VALUES ?', [members.map((e) => [teamId, e])]);
  }

  private async withMembers(m: EntityManager, rows: RawTeam[]): Promise<TeamRow[]> {
    if (!rows.length) return [];
    const found: Array<{ team_id: string; employee_id: string }> = await m.query(
      'SELECT team_id, employee_id FROM sales_team_member WHERE team_id IN (?) ORDER BY employee_id',
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      managerId: r.manager_id,
      members: found.filter((f) => f.team_id === r.id).map((f) => f.employee_id),
      version: Number(r.version),
      createdBy: r.created_by,
      updatedBy: r.updated_by,
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
    }));
  }
}
