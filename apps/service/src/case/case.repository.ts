import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseCategory, CaseChannel, CaseHistoryEntry, CasePriority, CaseStatus, ListCasesDto, ScopeGrant } from '@crm/contracts';
import { CrmError, ErrorCode } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { json } from '../queue/queue.repository.js';

/** A case as stored in `service_case`. */
export interface CaseRow {
  id: string;
  caseNo: string;
  accountId: string | null;
  contact: { name?: string; phone?: string; email?: string } | null;
  channel: CaseChannel;
  category: CaseCategory;
  priority: CasePriority;
  status: CaseStatus;
  subject: string;
  description: string;
  ownerId: string | null;
  queueId: string | null;
  skills: string[];
  escalationLevel: number;
  masterCaseId: string | null;
  mergedIntoId: string | null;
  workorderId: string | null;
  orderNo: string | null;
  resolution: string | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  watchers: string[];
  attributes: Record<string, string>;
  reopenCount: number;
  firstRespondedAt: Date | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/** Who may see a case: an employee's data scope, or the system itself (jobs, consumers). */
export type CaseScope = ScopeGrant | null | 'system';

export const CASE_LIST: KeysetList<Pick<CaseRow, 'createdAt' | 'id'>> = {
  name: 'service.cases',
  keys: [
    { column: 'c.created_at', kind: 'time' },
    { column: 'c.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (c) => [c.createdAt, c.id],
};

const COLUMNS = `c.id, c.case_no, c.account_id, c.contact, c.channel, c.category, c.priority, c.status, c.subject, c.description, c.owner_id,
  c.queue_id, c.skills, c.escalation_level, c.master_case_id, c.merged_into_id, c.workorder_id, c.order_no, c.resolution, c.satisfaction,
  c.satisfaction_comment, c.watchers, c.attributes, c.reopen_count, c.first_responded_at, c.version, c.created_by, c.created_at,
  c.updated_at, c.resolved_at, c.closed_at`;

const DB_COLUMN: Record<string, string> = {
  accountId: 'account_id',
  contact: 'contact',
  channel: 'channel',
  category: 'category',
  priority: 'priority',
  status: 'status',
  subject: 'subject',
  description: 'description',
  ownerId: 'owner_id',
  queueId: 'queue_id',
  skills: 'skills',
  escalationLevel: 'escalation_level',
  masterCaseId: 'master_case_id',
  mergedIntoId: 'merged_into_id',
  workorderId: 'workorder_id',
  orderNo: 'order_no',
  resolution: 'resolution',
  satisfaction: 'satisfaction',
  satisfactionComment: 'satisfaction_comment',
  watchers: 'watchers',
  attributes: 'attributes',
  reopenCount: 'reopen_count',
  firstRespondedAt: 'first_responded_at',
  version: 'version',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
};
const JSON_FIELDS = new Set(['contact', 'skills', 'watchers', 'attributes']);

export type CasePatch = Partial<Omit<CaseRow, 'id' | 'caseNo' | 'createdBy' | 'createdAt' | 'updatedAt'>>;

/**
 * The data scope of cases (SPEC §6.0 on `owner_id`), widened for work waiting in queues: an
 * employee sees the cases they (or, for `team`, their team mates) own, the unassigned cases of
 * the queues they are members of, and every case of a queue they supervise.
 */
export function caseScopeSql(scope: CaseScope): { sql: string; params: unknown[] } | null {
  if (scope === 'system') return null;
  if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
  if (scope.scope === 'all' || scope.owners === null) return null;
  if (!scope.owners.length) return { sql: '1 = 0', params: [] };
  const o = scope.owners;
  return {
    sql: `(c.owner_id IN (?) OR (c.owner_id IS NULL AND c.queue_id IN (SELECT x.queue_id FROM service_queue_member x WHERE x.employee_id IN (?)))
      OR c.queue_id IN (SELECT s.id FROM service_queue s WHERE s.supervisor_id IN (?)))`,
    params: [o, o, o],
  };
}

/** All SQL of cases and their history. */
@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The next number of the day: `C` + yyyymmdd + 5 digits, from a counter row updated in the case's
   * own transaction `m`. Taking it on another pool connection while `m` is open exhausted the pool at
   * 32 concurrent creates (every connection held by a transaction waiting for one more): the service
   * hung. In `m`, the counter row stays locked until the case commits, so creates of one day take
   * their numbers in turn, and a rolled-back create leaves no gap.
   */
  async nextCaseNo(m: EntityManager, day: string): Promise<string> {
    return caseNoOf(day, await this.bumpCounter(m, day));
  }

  /**
   * The day's next number in an autocommitted statement of its own (no transaction open on this
   * connection): the counter row is locked for that statement only. A create that then fails leaves
   * its number unused (a gap), as sequence-numbered records do in other CRMs.
   */
  takeCaseNo(day: string): Promise<number> {
    return this.bumpCounter(this.dataSource.manager, day);
  }

  private async bumpCounter(m: EntityManager, day: string): Promise<number> {
    const r: { insertId?: number } = await m.query(
      'INSERT INTO service_case_counter (day, last) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last = LAST_INSERT_ID(last + 1)',
      [day],
    );
    return r.insertId ?? 1;
  }

  async insert(m: EntityManager, c: CaseRow): Promise<void> {
    await m.query(
      `INSERT INTO service_case (id, case_no, account_id, contact, channel, category, priority, status, subject, description, owner_id, queue_id,
         skills, escalation_level, master_case_id, merged_into_id, workorder_id, order_no, resolution, satisfaction, satisfaction_comment,
         watchers, attributes, reopen_count, first_responded_at, version, created_by, created_at, updated_at, resolved_at, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        c.id,
        c.caseNo,
        c.accountId,
        c.contact ? JSON.stringify(c.contact) : null,
        c.channel,
        c.category,
        c.priority,
        c.status,
        c.subject,
        c.description,
        c.ownerId,
        c.queueId,
        JSON.stringify(c.skills),
        c.escalationLevel,
        c.masterCaseId,
        c.mergedIntoId,
        c.workorderId,
        c.orderNo,
        c.resolution,
        c.satisfaction,
        c.satisfactionComment,
        JSON.stringify(c.watchers),
        JSON.stringify(c.attributes),
        c.reopenCount,
        c.firstRespondedAt,
        c.version,
        c.createdBy,
        c.createdAt,
        c.updatedAt,
        c.resolvedAt,
        c.closedAt,
      ],
    );
  }

  async update(m: EntityManager, id: string, patch: CasePatch, at: Date): Promise<void> {
    const sets: string[] = ['updated_at = ?'];
    const params: unknown[] = [at];
    for (const [k, v] of Object.entries(patch)) {
      const col = DB_COLUMN[k];
      if (!col) continue;
      sets.push(`${col} = ?`);
      params.push(JSON_FIELDS.has(k) && v !== null ? JSON.stringify(v) : v);
    }
    await m.query(`UPDATE service_case SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
  }

  /** The case if within `scope`; `lock` holds its row for a change in `m`'s transaction. */
  async find(id: string, scope: CaseScope, m: EntityManager = this.dataSource.manager, lock = false): Promise<CaseRow | null> {
    const s = caseScopeSql(scope);
    const rows: RawCase[] = await m.query(
      `SELECT ${COLUMNS} FROM service_case c WHERE c.id = ?${s ? ` AND ${s.sql}` : ''}${lock ? ' FOR UPDATE' : ''}`,
      [id, ...(s?.params ?? [])],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Open children of a master, locked in id order (one order for every locker: no deadlock between them). */
  async openChildren(m: EntityManager, masterId: string): Promise<CaseRow[]> {
    const rows: RawCase[] = await m.query(
      `SELECT ${COLUMNS} FROM service_case c WHERE c.master_case_id = ? AND c.status NOT IN ('resolved', 'closed') ORDER BY c.id FOR UPDATE`,
      [masterId],
    );
    return rows.map(toRow);
  }

  async childIds(m: EntityManager, masterIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!masterIds.length) return out;
    const rows: Array<{ id: string; master_case_id: string }> = await m.query(
      'SELECT id, master_case_id FROM service_case WHERE master_case_id IN (?) ORDER BY created_at, id',
      [masterIds],
    );
    for (const r of rows) out.set(r.master_case_id, [...(out.get(r.master_case_id) ?? []), r.id]);
    return out;
  }

  async hasChildren(m: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM service_case WHERE master_case_id = ? LIMIT 1', [id]);
    return rows.length > 0;
  }

  /** Cases made from (or linked to) a work order, master first. */
  async byWorkorder(m: EntityManager, workorderId: string): Promise<CaseRow[]> {
    const rows: RawCase[] = await m.query(
      `SELECT ${COLUMNS} FROM service_case c WHERE c.workorder_id = ? ORDER BY c.master_case_id IS NOT NULL, c.id FOR UPDATE`,
      [workorderId],
    );
    return rows.map(toRow);
  }

  /** An open case on the account and category not tied to any order yet, opened within `since` (what an EOMS order links to). */
  async openDuplicateFor(m: EntityManager, accountId: string, category: string, since: Date): Promise<CaseRow | null> {
    const rows: RawCase[] = await m.query(
      `SELECT ${COLUMNS} FROM service_case c WHERE c.account_id = ? AND c.category = ? AND c.workorder_id IS NULL AND c.master_case_id IS NULL
         AND c.status NOT IN ('resolved', 'closed') AND c.created_at >= ? ORDER BY c.created_at DESC LIMIT 1 FOR UPDATE`,
      [accountId, category, since],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async addHistory(
    m: EntityManager,
    caseId: string,
    at: Date,
    actor: string,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await m.query('INSERT INTO case_history (case_id, at, actor, action, details) VALUES (?, ?, ?, ?, ?)', [
      caseId,
      at,
      actor.slice(0, 64),
      action,
      JSON.stringify(details),
    ]);
  }

  async history(caseId: string, m: EntityManager = this.dataSource.manager): Promise<CaseHistoryEntry[]> {
    const rows: Array<{ at: Date; actor: string; action: string; details: unknown }> = await m.query(
      'SELECT at, actor, action, details FROM case_history WHERE case_id = ? ORDER BY id LIMIT 1000',
      [caseId],
    );
    return rows.map((r) => ({ at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, details: json(r.details, {}) }));
  }

  async list(
    q: ListCasesDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: CaseScope,
    m: EntityManager = this.dataSource.manager,
  ): Promise<CaseRow[]> {
    const query = new KeysetQuery(CASE_LIST)
      .equal('c.status', q.status)
      .equal('c.priority', q.priority)
      .equal('c.category', q.category)
      .equal('c.queue_id', q.queueId)
      .equal('c.owner_id', q.ownerId)
      .equal('c.account_id', q.accountId)
      .equal('c.master_case_id', q.masterCaseId)
      .after(position);
    const s = caseScopeSql(scope);
    if (s) query.where(s.sql, ...s.params);
    const { sql, params } = query.page(COLUMNS, 'service_case c', limit);
    return ((await m.query(sql, params)) as RawCase[]).map(toRow);
  }
}

type RawCase = Record<string, unknown>;

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

function toRow(r: RawCase): CaseRow {
  return {
    id: r.id as string,
    caseNo: r.case_no as string,
    accountId: (r.account_id as string | null) ?? null,
    contact: json(r.contact, null),
    channel: r.channel as CaseChannel,
    category: r.category as CaseCategory,
    priority: r.priority as CasePriority,
    status: r.status as CaseStatus,
    subject: r.subject as string,
    description: r.description as string,
    ownerId: (r.owner_id as string | null) ?? null,
    queueId: (r.queue_id as string | null) ?? null,
    skills: json<string[]>(r.skills, []),
    escalationLevel: Number(r.escalation_level),
    masterCaseId: (r.master_case_id as string | null) ?? null,
    mergedIntoId: (r.merged_into_id as string | null) ?? null,
    workorderId: (r.workorder_id as string | null) ?? null,
    orderNo: (r.order_no as string | null) ?? null,
    resolution: (r.resolution as string | null) ?? null,
    satisfaction: r.satisfaction === null || r.satisfaction === undefined ? null : Number(r.satisfaction),
    satisfactionComment: (r.satisfaction_comment as string | null) ?? null,
    watchers: json<string[]>(r.watchers, []),
    attributes: json<Record<string, string>>(r.attributes, {}),
    reopenCount: Number(r.reopen_count),
    firstRespondedAt: date(r.first_responded_at),
    version: Number(r.version),
    createdBy: r.created_by as string,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    resolvedAt: date(r.resolved_at),
    closedAt: date(r.closed_at),
  };
}

/** `C` + the business day + the day's number, five digits at least. */
export function caseNoOf(day: string, n: number): string {
  return `C${day}${String(n).padStart(5, '0')}`;
}
