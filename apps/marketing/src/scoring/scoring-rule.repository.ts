import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Engagement, RescoreJobStatus, ScoringConditions } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';

export interface ScoringRuleRow {
  id: string;
  name: string;
  points: number;
  enabled: boolean;
  conditions: ScoringConditions | null;
  engagement: Engagement | null;
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface RescoreJobRow {
  id: string;
  status: RescoreJobStatus;
  afterId: string | null;
  scanned: number;
  changed: number;
  total: number | null;
  claimedBy: string | null;
  supersededBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** Newest first. */
export const SCORING_RULE_LIST: KeysetList<Pick<ScoringRuleRow, 'createdAt' | 'id'>> = {
  name: 'marketing.scoring-rules',
  keys: [
    { column: 'r.created_at', kind: 'time' },
    { column: 'r.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (r) => [r.createdAt, r.id],
};

const RULE_COLUMNS =
  'r.id, r.name, r.points, r.enabled, r.conditions, r.engagement, r.version, r.created_by, r.updated_by, r.created_at, r.updated_at';
const JOB_COLUMNS = 'id, status, after_id, scanned, changed, total, claimed_by, superseded_by, created_at, started_at, finished_at';

const json = <T>(v: unknown): T | null => (v === null || v === undefined ? null : ((typeof v === 'string' ? JSON.parse(v) : v) as T));

function toRule(r: Record<string, any>): ScoringRuleRow {
  return {
    id: r.id,
    name: r.name,
    points: Number(r.points),
    enabled: Number(r.enabled) === 1,
    conditions: json<ScoringConditions>(r.conditions),
    engagement: json<Engagement>(r.engagement),
    version: Number(r.version),
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

function toJob(r: Record<string, any>): RescoreJobRow {
  const date = (v: unknown) => (v === null ? null : new Date(v as string));
  return {
    id: r.id,
    status: r.status,
    afterId: r.after_id,
    scanned: Number(r.scanned),
    changed: Number(r.changed),
    total: r.total === null ? null : Number(r.total),
    claimedBy: r.claimed_by,
    supersededBy: r.superseded_by,
    createdAt: new Date(r.created_at),
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
  };
}

/** SQL of scoring rules and re-scoring jobs. */
@Injectable()
export class ScoringRuleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The enabled rules in the order their reasons are listed (oldest first). */
  async enabled(m: EntityManager = this.dataSource.manager): Promise<ScoringRuleRow[]> {
    const rows: Record<string, any>[] = await m.query(
      `SELECT ${RULE_COLUMNS} FROM scoring_rule r WHERE r.enabled = 1 ORDER BY r.created_at, r.id`,
    );
    return rows.map(toRule);
  }

  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<ScoringRuleRow | null> {
    const rows: Record<string, any>[] = await m.query(
      `SELECT ${RULE_COLUMNS} FROM scoring_rule r WHERE r.id = ?${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRule(rows[0]) : null;
  }

  async insert(m: EntityManager, r: ScoringRuleRow): Promise<void> {
    await m.query(
      `INSERT INTO scoring_rule (id, name, points, enabled, conditions, engagement, version, created_by, updated_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id,
        r.name,
        r.points,
        r.enabled ? 1 : 0,
        jsonOrNull(r.conditions),
        jsonOrNull(r.engagement),
        r.version,
        r.createdBy,
        r.updatedBy,
        r.createdAt,
        r.updatedAt,
      ],
    );
  }

  async update(m: EntityManager, r: ScoringRuleRow): Promise<void> {
    await m.query(
      'UPDATE scoring_rule SET name = ?, points = ?, enabled = ?, conditions = ?, engagement = ?, version = ?, updated_by = ?, updated_at = ? WHERE id = ?',
      [r.name, r.points, r.enabled ? 1 : 0, jsonOrNull(r.conditions), jsonOrNull(r.engagement), r.version, r.updatedBy, r.updatedAt, r.id],
    );
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM scoring_rule WHERE id = ?', [id]);
  }

  async list(limit: number, position: KeyValue[] | undefined, enabled: boolean | undefined): Promise<ScoringRuleRow[]> {
    const q = new KeysetQuery(SCORING_RULE_LIST)
      .equal('r.enabled', enabled === undefined ? undefined : enabled ? 1 : 0)
      .after(position)
      .page(RULE_COLUMNS, 'scoring_rule r', limit);
    const rows: Record<string, any>[] = await this.dataSource.query(q.sql, q.params);
    return rows.map(toRule);
  }

  /** A new job for the current rules; unfinished older jobs are superseded by it (it re-scans everything). */
  async startJob(m: EntityManager, id: string, requestedBy: string, now: Date): Promise<void> {
    await m.query(
      "UPDATE rescore_job SET status = 'superseded', superseded_by = ?, finished_at = ?, lease_until = NULL WHERE status IN ('pending', 'running')",
      [id, now],
    );
    await m.query("INSERT INTO rescore_job (id, status, requested_by, created_at) VALUES (?, 'pending', ?, ?)", [id, requestedBy, now]);
  }

  async job(id: string | undefined): Promise<RescoreJobRow | null> {
    const rows: Record<string, any>[] = id
      ? await this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM rescore_job WHERE id = ?`, [id])
      : await this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM rescore_job ORDER BY created_at DESC LIMIT 1`);
    return rows[0] ? toJob(rows[0]) : null;
  }

  /** The unfinished job whose lease is free (never taken, or its holder stopped renewing it). */
  async claimable(): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      "SELECT id FROM rescore_job WHERE status IN ('pending', 'running') AND (lease_until IS NULL OR lease_until < NOW(3)) ORDER BY created_at LIMIT 1",
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Takes the job for `worker` for `leaseMs` if its lease is free: one conditional UPDATE, so of
   * several replicas trying at once exactly one gets affectedRows 1.
   */
  async claim(id: string, worker: string, leaseMs: number): Promise<RescoreJobRow | null> {
    const r = await this.dataSource.query(
      `UPDATE rescore_job SET status = 'running', claimed_by = ?, lease_until = NOW(3) + INTERVAL ? SECOND_MICROSECOND,
         started_at = COALESCE(started_at, NOW(3))
       WHERE id = ? AND status IN ('pending', 'running') AND (lease_until IS NULL OR lease_until < NOW(3))`,
      [worker, micro(leaseMs), id],
    );
    if (affected(r) !== 1) return null;
    return this.job(id);
  }

  async setTotal(id: string, worker: string, total: number): Promise<void> {
    await this.dataSource.query("UPDATE rescore_job SET total = ? WHERE id = ? AND claimed_by = ? AND status = 'running'", [
      total,
      id,
      worker,
    ]);
  }

  /**
   * Saves a batch's progress and renews the lease, in the batch's transaction. False when the job is
   * no longer this worker's (superseded, or taken over after a lapsed lease): the batch is rolled back.
   */
  async progress(
    m: EntityManager,
    id: string,
    worker: string,
    afterId: string,
    scanned: number,
    changed: number,
    leaseMs: number,
  ): Promise<boolean> {
    const r = await m.query(
      `UPDATE rescore_job SET after_id = ?, scanned = scanned + ?, changed = changed + ?, lease_until = NOW(3) + INTERVAL ? SECOND_MICROSECOND
       WHERE id = ? AND claimed_by = ? AND status = 'running'`,
      [afterId, scanned, changed, micro(leaseMs), id, worker],
    );
    return affected(r) === 1;
  }

  async finish(id: string, worker: string): Promise<boolean> {
    const r = await this.dataSource.query(
      "UPDATE rescore_job SET status = 'done', finished_at = NOW(3), lease_until = NULL WHERE id = ? AND claimed_by = ? AND status = 'running'",
      [id, worker],
    );
    return affected(r) === 1;
  }
}

function jsonOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

/** `INTERVAL 'S.ffffff' SECOND_MICROSECOND`. */
function micro(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}

export function affected(result: unknown): number {
  const r = result as { affectedRows?: number } | undefined;
  return r?.affectedRows ?? 0;
}
