import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SlaState } from './sla-clock.js';
import type { ClockState, TargetClock } from './sla-clock-state.js';

interface RawCaseSla {
  case_id: string;
  case_no: string | null;
  account_id: string | null;
  priority: string;
  category: string;
  case_status: string;
  sla_policy_id: string;
  entitlement_id: string | null;
  calendar_id: string;
  warning_percent: number;
  opened_at: Date;
  resolve_by: Date | null;
  paused_at: Date | null;
  sla_state: string;
  next_due_at: Date | null;
  version: number;
  [column: string]: unknown;
}

const TARGET_COLUMNS = ['target_ms', 'paused_ms', 'stopped_at', 'warning_at', 'due_at', 'warning_sent_at', 'breached_sent_at'] as const;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as Date));

function target(r: RawCaseSla, name: 'response' | 'resolution'): TargetClock {
  return {
    targetMs: Number(r[`${name}_target_ms`]),
    pausedMs: Number(r[`${name}_paused_ms`]),
    stoppedAt: date(r[`${name}_stopped_at`]),
    warningAt: date(r[`${name}_warning_at`])!,
    dueAt: date(r[`${name}_due_at`])!,
    warningSentAt: date(r[`${name}_warning_sent_at`]),
    breachedSentAt: date(r[`${name}_breached_sent_at`]),
  };
}

export function toClockState(r: RawCaseSla): ClockState {
  return {
    caseId: r.case_id,
    caseNo: r.case_no,
    accountId: r.account_id,
    priority: r.priority,
    category: r.category,
    caseStatus: r.case_status,
    slaPolicyId: r.sla_policy_id,
    entitlementId: r.entitlement_id,
    calendarId: r.calendar_id,
    warningPercent: Number(r.warning_percent),
    openedAt: new Date(r.opened_at),
    resolveBy: date(r.resolve_by),
    pausedAt: date(r.paused_at),
    response: target(r, 'response'),
    resolution: target(r, 'resolution'),
    slaState: r.sla_state as SlaState,
    nextDueAt: date(r.next_due_at),
    version: Number(r.version),
  };
}

function targetValues(t: TargetClock): unknown[] {
  return [t.targetMs, t.pausedMs, t.stoppedAt, t.warningAt, t.dueAt, t.warningSentAt, t.breachedSentAt];
}

const MUTABLE = [
  'case_no',
  'account_id',
  'priority',
  'category',
  'case_status',
  'sla_policy_id',
  'entitlement_id',
  'calendar_id',
  'warning_percent',
  'resolve_by',
  'paused_at',
  ...TARGET_COLUMNS.map((c) => `response_${c}`),
  ...TARGET_COLUMNS.map((c) => `resolution_${c}`),
  'sla_state',
  'next_due_at',
];

function mutableValues(s: ClockState): unknown[] {
  return [
    s.caseNo,
    s.accountId,
    s.priority,
    s.category,
    s.caseStatus,
    s.slaPolicyId,
    s.entitlementId,
    s.calendarId,
    s.warningPercent,
    s.resolveBy,
    s.pausedAt,
    ...targetValues(s.response),
    ...targetValues(s.resolution),
    s.slaState,
    s.nextDueAt,
  ];
}

/** The columns `fireDue` changes (with the case number, which the scheduler may have looked up). */
const FIRED: ReadonlyArray<[string, (s: ClockState) => unknown]> = [
  ['case_no', (s) => s.caseNo],
  ['response_warning_sent_at', (s) => s.response.warningSentAt],
  ['response_breached_sent_at', (s) => s.response.breachedSentAt],
  ['resolution_warning_sent_at', (s) => s.resolution.warningSentAt],
  ['resolution_breached_sent_at', (s) => s.resolution.breachedSentAt],
  ['sla_state', (s) => s.slaState],
  ['next_due_at', (s) => s.nextDueAt],
];

/** All SQL of `case_sla`, one clock row per case. Writes run in the caller's transaction. */
@Injectable()
export class CaseSlaRepository {
  /** false when the case already has a clock (a retried open keeps the first one). */
  async insert(m: EntityManager, s: ClockState): Promise<boolean> {
    const columns = ['case_id', 'opened_at', 'version', ...MUTABLE];
    const res: { affectedRows: number } = await m.query(
      `INSERT IGNORE INTO case_sla (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      [s.caseId, s.openedAt, s.version, ...mutableValues(s)],
    );
    return res.affectedRows === 1;
  }

  async find(m: EntityManager, caseId: string, lock = false): Promise<ClockState | null> {
    const rows: RawCaseSla[] = await m.query(`SELECT * FROM case_sla WHERE case_id = ?${lock ? ' FOR UPDATE' : ''}`, [caseId]);
    return rows[0] ? toClockState(rows[0]) : null;
  }

  async findMany(m: EntityManager, caseIds: readonly string[]): Promise<ClockState[]> {
    if (!caseIds.length) return [];
    const rows: RawCaseSla[] = await m.query('SELECT * FROM case_sla WHERE case_id IN (?)', [caseIds]);
    return rows.map(toClockState);
  }

  /** Writes `s` over the row at `s.version` (conditional: false when someone else changed it since). */
  async save(m: EntityManager, s: ClockState): Promise<boolean> {
    const res: { affectedRows: number } = await m.query(
      `UPDATE case_sla SET ${MUTABLE.map((c) => `${c} = ?`).join(', ')}, version = version + 1 WHERE case_id = ? AND version = ?`,
      [...mutableValues(s), s.caseId, s.version],
    );
    return res.affectedRows === 1;
  }

  /**
   * Writes what `fireDue` changed — the markers sent, `sla_state`, `next_due_at`, and `case_no` when
   * it was looked up — for a whole batch with one UPDATE (`CASE case_id WHEN … THEN …` per column),
   * conditional on each row's `version` like `save`. Answers how many rows were written (all of
   * them while this transaction's claim holds the rows).
   */
  async markFired(m: EntityManager, states: readonly ClockState[]): Promise<number> {
    if (!states.length) return 0;
    const params: unknown[] = [];
    const caseOf = (value: (s: ClockState) => unknown): string => {
      for (const s of states) params.push(s.caseId, value(s));
      return `CASE case_id ${states.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    };
    const set = FIRED.map(([column, value]) => `${column} = ${caseOf(value)}`).join(', ');
    const version = caseOf((s) => s.version);
    const ids = states.map((s) => s.caseId);
    params.push(ids);
    const res: { affectedRows: number } = await m.query(
      `UPDATE case_sla SET ${set}, version = version + 1 WHERE version = ${version} AND case_id IN (?)`,
      params,
    );
    return res.affectedRows;
  }

  /**
   * Clocks with a marker due at `now`, oldest first, locked for this transaction. SKIP LOCKED: a
   * row another replica (or a case change) holds is left for it, so replicas never wait on each
   * other and never take the same row.
   */
  async claimDue(m: EntityManager, now: Date, limit: number): Promise<ClockState[]> {
    const rows: RawCaseSla[] = await m.query(
      'SELECT * FROM case_sla WHERE next_due_at <= ? ORDER BY next_due_at LIMIT ? FOR UPDATE SKIP LOCKED',
      [now, limit],
    );
    return rows.map(toClockState);
  }

  /** Case numbers from the case feature's table, for clocks started without one. */
  async caseNos(m: EntityManager, caseIds: readonly string[]): Promise<Map<string, string>> {
    if (!caseIds.length) return new Map();
    const rows: Array<{ id: string; case_no: string }> = await m.query('SELECT id, case_no FROM service_case WHERE id IN (?)', [caseIds]);
    return new Map(rows.map((r) => [r.id, r.case_no]));
  }
}
