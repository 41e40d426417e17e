import type { Sql } from '../integrity/chain-head.js';
import type { ChainLog } from '../integrity/chain-logs.js';
import type { BackupItem } from './backup-manifest.js';

export interface BackupRecord {
  id: string;
  log: ChainLog;
  kind: 'scheduled' | 'manual';
  periodKey: string | null;
  rangeFrom: Date | null;
  rangeTo: Date | null;
  requestedBy: string;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toBackupItem(r: any): BackupItem {
  return {
    id: r.id,
    log: r.log,
    kind: r.kind,
    status: r.status,
    period: r.period_key,
    rangeFrom: iso(r.range_from),
    rangeTo: iso(r.range_to),
    firstSeq: num(r.first_seq),
    lastSeq: num(r.last_seq),
    rows: Number(r.row_count),
    file: r.file,
    sha256: r.sha256,
    bytes: num(r.bytes),
    requestedBy: r.requested_by,
    startedAt: iso(r.started_at) as string,
    completedAt: iso(r.completed_at),
    error: r.error,
  };
}

/** SQL of the `backup` table (completed backups are what a purge checks against). */
export class BackupRepository {
  constructor(private readonly sql: Sql) {}

  /** Claims a backup; a scheduled period already claimed by a completed backup returns false. */
  async claim(b: BackupRecord): Promise<boolean> {
    if (b.periodKey) {
      const [existing] = await this.sql('SELECT id, status FROM backup WHERE log = ? AND period_key = ?', [b.log, b.periodKey]);
      if (existing?.status === 'completed') return false;
      // Whoever holds the backup lock is the only writer: an unfinished row is a crashed attempt.
      if (existing) await this.sql('DELETE FROM backup WHERE id = ?', [existing.id]);
    }
    await this.sql(
      "INSERT INTO backup (id, log, kind, period_key, range_from, range_to, status, requested_by, started_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)",
      [b.id, b.log, b.kind, b.periodKey, b.rangeFrom, b.rangeTo, b.requestedBy.slice(0, 128), new Date()],
    );
    return true;
  }

  async complete(
    id: string,
    r: {
      firstSeq: number | null;
      lastSeq: number | null;
      prevHash: Buffer;
      lastHash: Buffer | null;
      rows: number;
      file: string;
      sha256: string;
      bytes: number;
    },
  ): Promise<void> {
    await this.sql(
      "UPDATE backup SET status = 'completed', first_seq = ?, last_seq = ?, prev_hash = ?, last_hash = ?, row_count = ?, file = ?, sha256 = ?, bytes = ?, completed_at = ? WHERE id = ?",
      [r.firstSeq, r.lastSeq, r.prevHash, r.lastHash, r.rows, r.file, r.sha256, r.bytes, new Date(), id],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.sql("UPDATE backup SET status = 'failed', error = ?, completed_at = ? WHERE id = ?", [error.slice(0, 500), new Date(), id]);
  }

  /** Where the scheduled backups of a log have got to: the last seq and the end of the last period. */
  async scheduledFrontier(log: ChainLog): Promise<{ lastSeq: number; periodEnd: Date } | null> {
    const [r] = await this.sql(
      "SELECT last_seq, range_to FROM backup WHERE log = ? AND kind = 'scheduled' AND status = 'completed' ORDER BY range_to DESC LIMIT 1",
      [log],
    );
    return r ? { lastSeq: Number(r.last_seq ?? 0), periodEnd: new Date(r.range_to) } : null;
  }

  /** The first seq range within [from, to] that no completed backup holds, or null. */
  async firstUncovered(log: ChainLog, from: number, to: number): Promise<{ from: number; to: number } | null> {
    if (from > to) return null;
    const rows = (await this.sql(
      "SELECT first_seq, last_seq FROM backup WHERE log = ? AND status = 'completed' AND first_seq IS NOT NULL AND last_seq >= ? AND first_seq <= ? ORDER BY first_seq",
      [log, from, to],
    )) as Array<{ first_seq: string; last_seq: string }>;
    let next = from;
    for (const r of rows) {
      if (Number(r.first_seq) > next) return { from: next, to: Math.min(to, Number(r.first_seq) - 1) };
      next = Math.max(next, Number(r.last_seq) + 1);
      if (next > to) return null;
    }
    return { from: next, to };
  }

  async list(log?: ChainLog, limit = 100): Promise<BackupItem[]> {
    const rows = await this.sql(
      `SELECT * FROM backup${log ? ' WHERE log = ?' : ''} ORDER BY started_at DESC, id LIMIT ?`,
      log ? [log, limit] : [limit],
    );
    return (rows as unknown[]).map(toBackupItem);
  }
}
