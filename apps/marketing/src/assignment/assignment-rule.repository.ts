import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OPEN_LEAD_STATUSES, type AssignmentConditions, type AssignmentStrategy } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';

export interface AssignmentRuleRow {
  id: string;
  name: string;
  priority: number;
  enabled: boolean;
  conditions: AssignmentConditions | null;
  strategy: AssignmentStrategy;
  ownerId: string | null;
  members: string[];
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** In the order rules are tried: by priority, which is unique (a named sort, SPEC §6.0). */
export const ASSIGNMENT_RULE_LIST: KeysetList<Pick<AssignmentRuleRow, 'priority'>> = {
  name: 'marketing.assignment-rules',
  keys: [{ column: 'r.priority', kind: 'int' }],
  direction: 'ASC',
  positionOf: (r) => [r.priority],
};

const COLUMNS =
  'r.id, r.name, r.priority, r.enabled, r.conditions, r.strategy, r.owner_id, r.members, r.version, r.created_by, r.updated_by, r.created_at, r.updated_at';
const OPEN = `('${OPEN_LEAD_STATUSES.join("', '")}')`;

const json = <T>(v: unknown): T | null => (v === null || v === undefined ? null : ((typeof v === 'string' ? JSON.parse(v) : v) as T));

function toRule(r: Record<string, any>): AssignmentRuleRow {
  return {
    id: r.id,
    name: r.name,
    priority: Number(r.priority),
    enabled: Number(r.enabled) === 1,
    conditions: json<AssignmentConditions>(r.conditions),
    strategy: r.strategy,
    ownerId: r.owner_id,
    members: json<string[]>(r.members) ?? [],
    version: Number(r.version),
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** SQL of assignment rules, their round-robin turns and the open-lead counts least-loaded compares. */
@Injectable()
export class AssignmentRuleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Enabled rules in the order they are tried. */
  async enabled(): Promise<AssignmentRuleRow[]> {
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM assignment_rule r WHERE r.enabled = 1 ORDER BY r.priority`,
    );
    return rows.map(toRule);
  }

  /**
   * `count` consecutive round-robin turns of the rule (1, 2, 3 …); returns the last of them. One
   * autocommitted UPDATE increments the counter under the rule's row lock and hands back the new
   * value (`LAST_INSERT_ID(expr)` returns it in the statement's own reply, per connection), so
   * concurrent captures on any replica get distinct turns, and the lock is held for one statement
   * rather than a whole capture.
   */
  async takeTurns(ruleId: string, count: number): Promise<number | null> {
    const r = (await this.dataSource.query('UPDATE assignment_rule SET rr_counter = LAST_INSERT_ID(rr_counter + ?) WHERE id = ?', [
      count,
      ruleId,
    ])) as { affectedRows?: number; insertId?: number | string };
    return r.affectedRows === 1 ? Number(r.insertId) : null;
  }

  /** Open leads per member (members with none are absent). */
  async openLeads(members: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ owner_id: string; n: string | number }> = await this.dataSource.query(
      `SELECT owner_id, COUNT(*) AS n FROM \`lead\` WHERE owner_id IN (?) AND status IN ${OPEN} GROUP BY owner_id`,
      [members],
    );
    return new Map(rows.map((r) => [r.owner_id, Number(r.n)]));
  }

  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<AssignmentRuleRow | null> {
    const rows: Record<string, any>[] = await m.query(
      `SELECT ${COLUMNS} FROM assignment_rule r WHERE r.id = ?${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRule(rows[0]) : null;
  }

  async insert(m: EntityManager, r: AssignmentRuleRow): Promise<void> {
    await m.query(
      `INSERT INTO assignment_rule (id, name, priority, enabled, conditions, strategy, owner_id, members, version, created_by, updated_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id,
        r.name,
        r.priority,
        r.enabled ? 1 : 0,
        r.conditions === null ? null : JSON.stringify(r.conditions),
        r.strategy,
        r.ownerId,
        JSON.stringify(r.members),
        r.version,
        r.createdBy,
        r.updatedBy,
        r.createdAt,
        r.updatedAt,
      ],
    );
  }

  async update(m: EntityManager, r: AssignmentRuleRow): Promise<void> {
    await m.query(
      `UPDATE assignment_rule SET name = ?, priority = ?, enabled = ?, conditions = ?, strategy = ?, owner_id = ?, members = ?, version = ?,
         updated_by = ?, updated_at = ? WHERE id = ?`,
      [
        r.name,
        r.priority,
        r.enabled ? 1 : 0,
        r.conditions === null ? null : JSON.stringify(r.conditions),
        r.strategy,
        r.ownerId,
        JSON.stringify(r.members),
        r.version,
        r.updatedBy,
        r.updatedAt,
        r.id,
      ],
    );
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM assignment_rule WHERE id = ?', [id]);
  }

  async list(limit: number, position: KeyValue[] | undefined): Promise<AssignmentRuleRow[]> {
    const q = new KeysetQuery(ASSIGNMENT_RULE_LIST).after(position).page(COLUMNS, 'assignment_rule r', limit);
    const rows: Record<string, any>[] = await this.dataSource.query(q.sql, q.params);
    return rows.map(toRule);
  }
}
