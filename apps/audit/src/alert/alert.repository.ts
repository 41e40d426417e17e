import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AlertSeverity } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import type { Sql } from '../integrity/chain-head.js';
import { counterKey, rangeOf, type TouchedCounter, type WindowSum } from './alert-planner.js';
import type { AlertTrigger, CounterIncrement, RuleCall } from './alert-rules.js';

export type AlertStatus = 'open' | 'acknowledged';

/** An alert row as the driver returns it (BIGINT as string; JSON as text on MariaDB). */
export interface AlertRow {
  seq: string;
  id: string;
  rule: string;
  severity: AlertSeverity;
  subject: string;
  status: AlertStatus;
  title: string;
  details: string | Record<string, unknown>;
  occurrences: number;
  first_seen_at: Date;
  last_seen_at: Date;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  published_at: Date | null;
}

export interface AlertFilter {
  status?: AlertStatus;
  rule?: string;
  severity?: AlertSeverity;
  /** On the time the alert was raised. */
  from?: Date;
  to?: Date;
}

/** `GET /audit/alerts`: newest first by insertion order (seq is unique: no tiebreaker needed). */
export const ALERT_LIST: KeysetList<Pick<AlertRow, 'seq'>> = {
  name: 'audit.alerts',
  keys: [{ column: 'seq', kind: 'bigint' }],
  direction: 'DESC',
  positionOf: (row) => [BigInt(row.seq)],
};

const COLUMNS =
  'seq, id, rule, severity, subject, status, title, details, occurrences, first_seen_at, last_seen_at, raised_at, acknowledged_at, acknowledged_by, ack_note, published_at';

const openKey = (t: Pick<AlertTrigger, 'rule' | 'subject'>) => `${t.rule}|${t.subject}`;

/** The `alert_cursor` row of the call log: the last `call_log.seq` the rules have counted. */
const CALL_CURSOR = 'call_log';

/**
 * Restored history is not news: the alert rules start after the restored calls (run in the
 * restore's transaction; restore only loads into an empty store, whose cursor is at 0).
 */
export async function skipRestoredCalls(sql: Sql, lastSeq: number): Promise<void> {
  await sql('UPDATE alert_cursor SET seq = GREATEST(seq, ?), moved_at = UTC_TIMESTAMP(3) WHERE name = ?', [lastSeq, CALL_CURSOR]);
}

/** A call as the alert tail reads it from `call_log` (BIGINT as string, BOOLEAN as 0/1). */
export interface CallLogTailRow {
  seq: string;
  at: Date;
  direction: RuleCall['direction'];
  service: string;
  caller: string | null;
  callee: string;
  pattern: string | null;
  request_id: string | null;
  code: number;
  ok: number;
  duration_ms: number;
  source: string | null;
}

export function ruleCallOf(r: CallLogTailRow): RuleCall {
  return {
    at: r.at,
    direction: r.direction,
    service: r.service,
    caller: r.caller,
    callee: r.callee,
    pattern: r.pattern,
    requestId: r.request_id,
    code: Number(r.code),
    ok: Number(r.ok) === 1,
    durationMs: Number(r.duration_ms),
    source: r.source,
  };
}

/** The statements of one batch of the rules (alert feed or call-log tail), inside its transaction. */
export class AlertBatchTx {
  constructor(private readonly m: EntityManager) {}

  /**
   * Locks the call-log cursor and returns it, or null while another replica holds it (that one is
   * counting: no point queueing behind it). The cursor moves in the transaction that counts the
   * calls, so each call is counted exactly once.
   */
  async lockCallCursor(): Promise<bigint | null> {
    const rows = (await this.m.query('SELECT seq FROM alert_cursor WHERE name = ? FOR UPDATE SKIP LOCKED', [CALL_CURSOR])) as Array<{
      seq: string | number;
    }>;
    if (rows.length > 0) return BigInt(rows[0].seq);
    const exists = (await this.m.query('SELECT 1 FROM alert_cursor WHERE name = ?', [CALL_CURSOR])) as unknown[];
    if (exists.length === 0) throw new Error('alert_cursor has no call_log row: run the audit migrations');
    return null;
  }

  async moveCallCursor(seq: bigint): Promise<void> {
    await this.m.query('UPDATE alert_cursor SET seq = ?, moved_at = UTC_TIMESTAMP(3) WHERE name = ?', [seq.toString(), CALL_CURSOR]);
  }

  /**
   * Calls stored after `seq`, oldest first (primary-key range). The chain writer numbers a batch
   * after the head it holds locked and commits before the next batch can lock it, so a committed
   * seq is never followed by a smaller one: reading `seq > cursor` misses nothing.
   */
  callsAfter(seq: bigint, limit: number): Promise<CallLogTailRow[]> {
    return this.m.query(
      'SELECT seq, at, direction, service, caller, callee, pattern, request_id, code, ok, duration_ms, source FROM call_log WHERE seq > ? ORDER BY seq LIMIT ?',
      [seq.toString(), limit],
    ) as Promise<CallLogTailRow[]>;
  }

  /** One multi-row upsert: competing replicas add to the same slot rows. */
  async addCounters(increments: readonly CounterIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    const params: unknown[] = [];
    for (const i of increments) params.push(i.counter, i.subject, i.slot, i.total, i.hits);
    await this.m.query(
      `INSERT INTO alert_counter (counter, subject, slot, total, hits) VALUES ${Array(increments.length).fill('(?, ?, ?, ?, ?)').join(', ')}` +
        ' ON DUPLICATE KEY UPDATE total = total + VALUES(total), hits = hits + VALUES(hits)',
      params,
    );
  }

  /**
   * Window sums of the touched counters, read with locks (a locking read sees what other replicas
   * committed, so two replicas splitting a burst between them still see all of it).
   */
  async readWindows(touched: readonly TouchedCounter[]): Promise<Map<string, WindowSum>> {
    const sums = new Map<string, WindowSum>();
    if (touched.length === 0) return sums;
    const where: string[] = [];
    const params: unknown[] = [];
    for (const t of touched) {
      const [low, high] = rangeOf(t);
      where.push('(counter = ? AND subject = ? AND slot BETWEEN ? AND ?)');
      params.push(t.counter, t.subject, low, high);
    }
    const rows = (await this.m.query(
      `SELECT counter, subject, total, hits FROM alert_counter WHERE ${where.join(' OR ')} FOR UPDATE`,
      params,
    )) as Array<{
      counter: TouchedCounter['counter'];
      subject: string;
      total: number | string;
      hits: number | string;
    }>;
    for (const r of rows) {
      const key = counterKey(r.counter, r.subject);
      const s = sums.get(key) ?? { total: 0, hits: 0 };
      s.total += Number(r.total);
      s.hits += Number(r.hits);
      sums.set(key, s);
    }
    return sums;
  }

  /**
   * Raises an alert, or adds to the open one with the same rule and subject. A new alert is
   * written with its pending-publish marker (`publish_due_at`), in this same transaction. Adding
   * to an open alert replaces its title along with its details: titles quote the figures of the
   * details (`6 failed authentications` with `failures: 6`), and must not keep the first ones.
   */
  async upsertAlert(t: AlertTrigger, now: Date, withWebhook: boolean): Promise<{ id: string; created: boolean }> {
    const id = randomUUID();
    const result = (await this.m.query(
      `INSERT INTO alert (id, rule, severity, subject, open_key, status, title, details, occurrences, first_seen_at, last_seen_at, raised_at, publish_due_at, webhook_due_at)
       VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE occurrences = occurrences + VALUES(occurrences), last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at)),
         title = VALUES(title), details = VALUES(details)`,
      [
        id,
        t.rule,
        t.severity,
        t.subject,
        openKey(t),
        t.title.slice(0, 255),
        JSON.stringify(t.details),
        t.occurrences,
        t.firstAt ?? t.at,
        t.at,
        now,
        now,
        withWebhook ? now : null,
      ],
    )) as { affectedRows?: number };
    return { id, created: result.affectedRows === 1 };
  }
}

@Injectable()
export class AlertRepository {
  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: AlertBatchTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', (m) => work(new AlertBatchTx(m)));
  }

  /** One page, `limit + 1` rows. */
  findPage(f: AlertFilter, after: readonly KeyValue[] | undefined, limit: number): Promise<AlertRow[]> {
    const { sql, params } = new KeysetQuery(ALERT_LIST)
      .equal('status', f.status)
      .equal('rule', f.rule)
      .equal('severity', f.severity)
      .range('raised_at', f.from, f.to)
      .after(after)
      .page(COLUMNS, 'alert', limit);
    return this.dataSource.query(sql, params) as Promise<AlertRow[]>;
  }

  async findById(id: string): Promise<AlertRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM alert WHERE id = ?`, [id])) as AlertRow[];
    return rows[0] ?? null;
  }

  /** Closes the incident: the next trigger of the same rule and subject raises a new alert. */
  async acknowledge(id: string, employeeId: string, note: string | null, now: Date): Promise<boolean> {
    const result = (await this.dataSource.query(
      "UPDATE alert SET status = 'acknowledged', open_key = NULL, acknowledged_at = ?, acknowledged_by = ?, ack_note = ? WHERE id = ? AND status = 'open'",
      [now, employeeId, note, id],
    )) as { affectedRows?: number } | [unknown, number];
    return affected(result) === 1;
  }

  /**
   * Claims alerts whose event is due (new, or a failed publish whose backoff ended) by moving
   * their due time past a lease; a replica that dies mid-publish leaves them to the next claim.
   */
  claimUnpublished(now: Date, leaseMs: number, limit: number): Promise<AlertRow[]> {
    return this.claim('published_at IS NULL AND publish_due_at <= ?', 'publish_due_at', now, leaseMs, limit, 'publish_attempts');
  }

  claimWebhooks(now: Date, leaseMs: number, limit: number): Promise<Array<AlertRow & { webhook_attempts: number }>> {
    return this.claim('webhook_due_at <= ?', 'webhook_due_at', now, leaseMs, limit, 'webhook_attempts') as Promise<
      Array<AlertRow & { webhook_attempts: number }>
    >;
  }

  async markPublished(id: string, now: Date): Promise<void> {
    await this.dataSource.query('UPDATE alert SET published_at = ?, publish_due_at = NULL WHERE id = ?', [now, id]);
  }

  async deferPublish(id: string, due: Date): Promise<void> {
    await this.dataSource.query('UPDATE alert SET publish_due_at = ? WHERE id = ? AND published_at IS NULL', [due, id]);
  }

  /** `due` null: delivered, or given up after the configured retries. */
  async setWebhookDue(id: string, due: Date | null): Promise<void> {
    await this.dataSource.query('UPDATE alert SET webhook_due_at = ? WHERE id = ?', [due, id]);
  }

  /** Counter slots older than every window: bounded deletes, so the table stays small. */
  async pruneCounters(counter: string, beforeSlot: number, batch = 5000): Promise<number> {
    const result = (await this.dataSource.query('DELETE FROM alert_counter WHERE counter = ? AND slot < ? LIMIT ?', [
      counter,
      beforeSlot,
      batch,
    ])) as { affectedRows?: number } | [unknown, number];
    return affected(result);
  }

  private async claim(
    condition: string,
    dueColumn: string,
    now: Date,
    leaseMs: number,
    limit: number,
    attemptsColumn: string,
  ): Promise<AlertRow[]> {
    return this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT ${COLUMNS}, ${attemptsColumn} FROM alert WHERE ${condition} ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED`,
        [now, limit],
      )) as AlertRow[];
      if (rows.length === 0) return rows;
      await m.query(
        `UPDATE alert SET ${dueColumn} = ?, ${attemptsColumn} = ${attemptsColumn} + 1 WHERE id IN (${rows.map(() => '?').join(', ')})`,
        [new Date(now.getTime() + leaseMs), ...rows.map((r) => r.id)],
      );
      return rows;
    });
  }
}

/** TypeORM's mariadb driver answers UPDATE/DELETE with the OkPacket or with [rows, affected]. */
function affected(result: { affectedRows?: number } | [unknown, number]): number {
  if (Array.isArray(result)) return Number(result[1]) || 0;
  return result.affectedRows ?? 0;
}
