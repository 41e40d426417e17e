import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueueStrategy } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';

export interface QueueMemberRow {
  employeeId: string;
  skills: string[];
  capacity: number;
  addedAt: Date;
}

/** A queue as stored: `service_queue` plus its `service_queue_member` rows. */
export interface QueueRow {
  id: string;
  name: string;
  description: string | null;
  strategy: QueueStrategy;
  categories: string[];
  channels: string[];
  routingOrder: number;
  categorySkills: Record<string, string[]>;
  escalationQueueId: string | null;
  supervisorId: string | null;
  active: boolean;
  lastMemberId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  members: QueueMemberRow[];
}

export type QueueFields = Omit<QueueRow, 'id' | 'lastMemberId' | 'version' | 'createdAt' | 'updatedAt' | 'members'>;

interface RawQueue {
  id: string;
  name: string;
  description: string | null;
  strategy: QueueStrategy;
  categories: unknown;
  channels: unknown;
  routing_order: number;
  category_skills: unknown;
  escalation_queue_id: string | null;
  supervisor_id: string | null;
  active: number;
  last_member_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const QUEUE_LIST: KeysetList<Pick<QueueRow, 'createdAt' | 'id'>> = {
  name: 'service.queues',
  keys: [
    { column: 'q.created_at', kind: 'time' },
    { column: 'q.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (q) => [q.createdAt, q.id],
};

const COLUMNS =
  'q.id, q.name, q.description, q.strategy, q.categories, q.channels, q.routing_order, q.category_skills, q.escalation_queue_id, q.supervisor_id, q.active, q.last_member_id, q.version, q.created_at, q.updated_at';

/** JSON columns come back parsed or as text depending on the driver's type info: accept both. */
export function json<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'string') return JSON.parse(v) as T;
  return v as T;
}

/** All SQL of queues. Queues are organisation, not owned records: no data scope applies. */
@Injectable()
export class QueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, id: string, f: QueueFields, createdBy: string, members: QueueMemberRow[]): Promise<void> {
    await m.query(
      `INSERT INTO service_queue (id, name, description, strategy, categories, channels, routing_order, category_skills, escalation_queue_id, supervisor_id, active, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3), NOW(3))`,
      [id, ...fieldParams(f), createdBy],
    );
    await this.upsertMembers(m, id, members);
  }

  async update(m: EntityManager, id: string, f: QueueFields, version: number): Promise<void> {
    await m.query(
      `UPDATE service_queue SET name = ?, description = ?, strategy = ?, categories = ?, channels = ?, routing_order = ?, category_skills = ?,
         escalation_queue_id = ?, supervisor_id = ?, active = ?, version = ?, updated_at = NOW(3) WHERE id = ?`,
      [...fieldParams(f), version, id],
    );
  }

  async bumpVersion(m: EntityManager, id: string, version: number): Promise<void> {
    await m.query('UPDATE service_queue SET version = ?, updated_at = NOW(3) WHERE id = ?', [version, id]);
  }

  async upsertMembers(m: EntityManager, queueId: string, members: readonly QueueMemberRow[]): Promise<void> {
    if (!members.length) return;
    await m.query(
      `INSERT INTO service_queue_member (queue_id, employee_id, skills, capacity) VALUES ?
       ON DUPLICATE KEY UPDATE skills = VALUES(skills), capacity = VALUES(capacity)`,
      [members.map((x) => [queueId, x.employeeId, JSON.stringify(x.skills), x.capacity])],
    );
  }

  async removeMembers(m: EntityManager, queueId: string, employeeIds: readonly string[]): Promise<void> {
    if (!employeeIds.length) return;
    await m.query('DELETE FROM service_queue_member WHERE queue_id = ? AND employee_id IN (?)', [queueId, employeeIds]);
  }

  /** The queue, `lock` holding its row (assignment and edits serialise on it). */
  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<QueueRow | null> {
    const rows: RawQueue[] = await m.query(`SELECT ${COLUMNS} FROM service_queue q WHERE q.id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? (await this.withMembers(m, rows))[0]! : null;
  }

  async exists(m: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM service_queue WHERE id = ?', [id]);
    return rows.length > 0;
  }

  async setLastMember(m: EntityManager, id: string, employeeId: string): Promise<void> {
    await m.query('UPDATE service_queue SET last_member_id = ? WHERE id = ?', [employeeId, id]);
  }

  /** Active queues with their routing criteria (few rows: queues are configuration). */
  async routable(m: EntityManager): Promise<QueueRow[]> {
    const rows: RawQueue[] = await m.query(`SELECT ${COLUMNS} FROM service_queue q WHERE q.active = 1`);
    return rows.map((r) => toRow(r, []));
  }

  /** Open cases owned by each of these employees, across all queues. */
  async loads(m: EntityManager, employeeIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!employeeIds.length) return out;
    const rows: Array<{ owner_id: string; n: number | string }> = await m.query(
      `SELECT owner_id, COUNT(*) AS n FROM service_case WHERE owner_id IN (?) AND status IN ('new', 'assigned', 'in_progress', 'pending_customer') GROUP BY owner_id`,
      [employeeIds],
    );
    for (const r of rows) out.set(r.owner_id, Number(r.n));
    return out;
  }

  async list(
    q: { memberId?: string },
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<QueueRow[]> {
    const query = new KeysetQuery(QUEUE_LIST).after(position);
    if (q.memberId !== undefined)
      query.where('EXISTS (SELECT 1 FROM service_queue_member x WHERE x.queue_id = q.id AND x.employee_id = ?)', q.memberId);
    const { sql, params } = query.page(COLUMNS, 'service_queue q', limit);
    return this.withMembers(m, await m.query(sql, params));
  }

  private async withMembers(m: EntityManager, rows: RawQueue[]): Promise<QueueRow[]> {
    if (!rows.length) return [];
    const found: Array<{ queue_id: string; employee_id: string; skills: unknown; capacity: number; added_at: Date }> = await m.query(
      'SELECT queue_id, employee_id, skills, capacity, added_at FROM service_queue_member WHERE queue_id IN (?) ORDER BY employee_id',
      [rows.map((r) => r.id)],
    );
    return rows.map((r) =>
      toRow(
        r,
        found
          .filter((f) => f.queue_id === r.id)
          .map((f) => ({
            employeeId: f.employee_id,
            skills: json<string[]>(f.skills, []),
            capacity: Number(f.capacity),
            addedAt: new Date(f.added_at),
          })),
      ),
    );
  }
}

function fieldParams(f: QueueFields): unknown[] {
  return [
    f.name,
    f.description,
    f.strategy,
    JSON.stringify(f.categories),
    JSON.stringify(f.channels),
    f.routingOrder,
    JSON.stringify(f.categorySkills),
    f.escalationQueueId,
    f.supervisorId,
    f.active ? 1 : 0,
  ];
}

function toRow(r: RawQueue, members: QueueMemberRow[]): QueueRow {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    strategy: r.strategy,
    categories: json<string[]>(r.categories, []),
    channels: json<string[]>(r.channels, []),
    routingOrder: Number(r.routing_order),
    categorySkills: json<Record<string, string[]>>(r.category_skills, {}),
    escalationQueueId: r.escalation_queue_id,
    supervisorId: r.supervisor_id,
    active: Number(r.active) === 1,
    lastMemberId: r.last_member_id,
    version: Number(r.version),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    members,
  };
}
