import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WorkflowAction, WorkflowCondition, WorkflowTrigger } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { json } from '../queue/queue.repository.js';
import type { RuleSnapshot } from './rule-evaluator.js';

export interface RuleRow {
  id: string;
  name: string;
  description: string | null;
  trigger: WorkflowTrigger;
  conditions: WorkflowCondition[];
  actions: WorkflowAction[];
  order: number;
  active: boolean;
  deleted: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type RuleFields = Pick<RuleRow, 'name' | 'description' | 'trigger' | 'conditions' | 'actions' | 'order' | 'active'>;

interface RawRule {
  id: string;
  name: string;
  description: string | null;
  trigger: WorkflowTrigger;
  conditions: unknown;
  actions: unknown;
  rule_order: number;
  active: number;
  deleted: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const RULE_LIST: KeysetList<Pick<RuleRow, 'createdAt' | 'id'>> = {
  name: 'service.workflow-rules',
  keys: [
    { column: 'r.created_at', kind: 'time' },
    { column: 'r.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (r) => [r.createdAt, r.id],
};

const COLUMNS =
  'r.id, r.name, r.description, r.`trigger`, r.conditions, r.actions, r.rule_order, r.active, r.deleted, r.version, r.created_at, r.updated_at';

/** All SQL of workflow rules and their versions. */
@Injectable()
export class WorkflowRuleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, id: string, f: RuleFields, by: string): Promise<void> {
    await m.query(
      `INSERT INTO workflow_rule (id, name, description, \`trigger\`, conditions, actions, rule_order, active, created_by, updated_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3), NOW(3))`,
      [id, ...params(f), by, by],
    );
    await this.saveVersion(m, id, 1, f, by);
  }

  async update(m: EntityManager, id: string, f: RuleFields, version: number, by: string, deleted = false): Promise<void> {
    await m.query(
      `UPDATE workflow_rule SET name = ?, description = ?, \`trigger\` = ?, conditions = ?, actions = ?, rule_order = ?, active = ?,
         deleted = ?, version = ?, updated_by = ?, updated_at = NOW(3) WHERE id = ?`,
      [...params(f), deleted ? 1 : 0, version, by, id],
    );
    await this.saveVersion(m, id, version, f, by);
  }

  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<RuleRow | null> {
    const rows: RawRule[] = await m.query(`SELECT ${COLUMNS} FROM workflow_rule r WHERE r.id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** An older version as it was saved. */
  async findVersion(id: string, version: number): Promise<RuleRow | null> {
    const current = await this.find(id);
    if (!current) return null;
    const rows: Array<{ snapshot: unknown; saved_at: Date }> = await this.dataSource.query(
      'SELECT snapshot, saved_at FROM workflow_rule_version WHERE rule_id = ? AND version = ?',
      [id, version],
    );
    if (!rows[0]) return null;
    const s = json<RuleFields>(rows[0].snapshot, current);
    return { ...current, ...s, description: s.description ?? null, version, updatedAt: new Date(rows[0].saved_at) };
  }

  /** Every active rule, current versions, in evaluation order (kept per process: `ActiveWorkflowRules`). */
  async allActive(m: EntityManager): Promise<RuleSnapshot[]> {
    const rows: RawRule[] = await m.query(
      `SELECT ${COLUMNS} FROM workflow_rule r WHERE r.active = 1 AND r.deleted = 0 ORDER BY r.rule_order, r.id`,
    );
    return rows.map(toRow).map((r) => ({
      ruleId: r.id,
      version: r.version,
      name: r.name,
      trigger: r.trigger,
      conditions: r.conditions,
      actions: r.actions,
      order: r.order,
    }));
  }

  async list(
    q: { trigger?: WorkflowTrigger; active?: boolean },
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<RuleRow[]> {
    const query = new KeysetQuery(RULE_LIST)
      .where('r.deleted = 0')
      .equal('r.`trigger`', q.trigger)
      .equal('r.active', q.active === undefined ? undefined : q.active ? 1 : 0)
      .after(position);
    const { sql, params: p } = query.page(COLUMNS, 'workflow_rule r', limit);
    return ((await m.query(sql, p)) as RawRule[]).map(toRow);
  }

  private async saveVersion(m: EntityManager, id: string, version: number, f: RuleFields, by: string): Promise<void> {
    await m.query('INSERT INTO workflow_rule_version (rule_id, version, snapshot, saved_by) VALUES (?, ?, ?, ?)', [
      id,
      version,
      JSON.stringify(f),
      by,
    ]);
  }
}

function params(f: RuleFields): unknown[] {
  return [f.name, f.description, f.trigger, JSON.stringify(f.conditions), JSON.stringify(f.actions), f.order, f.active ? 1 : 0];
}

function toRow(r: RawRule): RuleRow {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    trigger: r.trigger,
    conditions: json<WorkflowCondition[]>(r.conditions, []),
    actions: json<WorkflowAction[]>(r.actions, []),
    order: Number(r.rule_order),
    active: Number(r.active) === 1,
    deleted: Number(r.deleted) === 1,
    version: Number(r.version),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}
