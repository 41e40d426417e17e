import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuditDataConfig } from '../audit.config.js';
import { CrmError, ErrorCode } from '@crm/contracts';
import { readHead, type Sql } from '../integrity/chain-head.js';
import { CHAIN_LOGS, LOGS, type ChainLog } from '../integrity/chain-logs.js';
import { chainStart, prefixBefore } from '../integrity/chain-positions.js';
import { withSession, type DriverSession } from '../integrity/driver-session.js';
import type { BackupItem, BackupManifest } from './backup-manifest.js';
import { BackupRepository, toBackupItem } from './backup.repository.js';
import { writeBackupFiles, type BackupSpec } from './backup-writer.js';

const UNIT_MS = { hour: 3_600_000, day: 86_400_000 } as const;
/** Periods written per log and run, so a long catch-up cannot hold the lock for hours. */
const MAX_PERIODS_PER_RUN = 48;

export interface BackupOutcome {
  log: ChainLog;
  manifest: BackupManifest;
  item: BackupItem;
}

function floorTo(ms: number, unit: 'hour' | 'day'): number {
  return Math.floor(ms / UNIT_MS[unit]) * UNIT_MS[unit];
}

/**
 * Backups of the hash-chained logs to a directory (SPEC §4.3). Every backup is one contiguous
 * chain segment, so backups restore into a chain that verifies and a purge can tell exactly which
 * rows are covered. One writer per log at a time across replicas: a MariaDB named lock (released
 * with its connection if the process dies), plus a unique key per scheduled period.
 */
export class BackupRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AuditDataConfig,
    private readonly database: string,
  ) {}

  private dir(): string {
    if (!this.config.backupDir) throw new CrmError(ErrorCode.Conflict, 'backups are off: AUDIT_BACKUP_DIR is not set');
    return this.config.backupDir;
  }

  /** Runs `work` holding the backup lock of `log`; null when another process holds it and `wait` is 0. */
  private async locked<T>(log: ChainLog, waitSeconds: number, work: (sql: Sql) => Promise<T>): Promise<T | null> {
    return withSession(this.dataSource, async (s: DriverSession) => {
      const name = `${this.database}.backup.${log}`;
      const [r] = await s.query('SELECT GET_LOCK(?, ?) AS got', [name, waitSeconds]);
      if (Number(r.got) !== 1) return null;
      try {
        return await work((q, p) => s.query(q, p));
      } finally {
        await s.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
      }
    });
  }

  private async write(
    sql: Sql,
    spec: BackupSpec,
    periodKey: string | null,
    requestedBy: string,
    rangeFrom: Date | null,
    rangeTo: Date | null,
  ): Promise<BackupOutcome | null> {
    const repo = new BackupRepository(sql);
    if (!(await repo.claim({ id: spec.id, log: spec.d.log, kind: spec.kind, periodKey, rangeFrom, rangeTo, requestedBy }))) return null;
    try {
      const manifest = await writeBackupFiles(sql, this.dir(), spec);
      await repo.complete(spec.id, {
        firstSeq: manifest.firstSeq,
        lastSeq: manifest.lastSeq,
        prevHash: Buffer.from(manifest.prevHash, 'hex'),
        lastHash: manifest.lastHash ? Buffer.from(manifest.lastHash, 'hex') : null,
        rows: manifest.rows,
        file: `${spec.d.log}/${manifest.file}`,
        sha256: manifest.sha256,
        bytes: manifest.bytes,
      });
      const [item] = (await sql('SELECT * FROM backup WHERE id = ?', [spec.id])) as unknown[];
      return { log: spec.d.log, manifest, item: toBackupItem(item) };
    } catch (error) {
      await repo.fail(spec.id, (error as Error).message ?? String(error)).catch(() => undefined);
      throw error;
    }
  }

  /**
   * A backup now of the rows stamped in [from, to) — as a chain segment: from the first row of
   * the chain's prefix at or after `from` to the end of its prefix before `to` (default: all).
   */
  async runManual(log: ChainLog, from: Date | null, to: Date | null, requestedBy: string): Promise<BackupOutcome> {
    this.dir();
    const d = LOGS[log];
    const outcome = await this.locked(log, 30, async (sql) => {
      const head = await readHead(sql, log);
      const start = await chainStart(sql, log);
      const afterSeq = from ? await prefixBefore(sql, d, from, start.seq, head.seq) : start.seq;
      const lastSeq = to ? await prefixBefore(sql, d, to, start.seq, head.seq) : head.seq;
      const spec: BackupSpec = {
        id: randomUUID(),
        d,
        kind: 'manual',
        period: null,
        range: { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null },
        afterSeq,
        lastSeq: Math.max(afterSeq, lastSeq),
      };
      return this.write(sql, spec, null, requestedBy, from, to);
    });
    if (!outcome) throw new CrmError(ErrorCode.Conflict, `another backup of the ${log} log is running; try again later`);
    return outcome;
  }

  /** One pass of the schedule: a backup for every completed period not backed up yet, per log. */
  async runScheduled(requestedBy: string, now = new Date()): Promise<BackupOutcome[]> {
    if (!this.config.backupDir) return [];
    const unit = this.config.backupPeriod;
    const completedUpTo = floorTo(now.getTime(), unit);
    const outcomes: BackupOutcome[] = [];
    for (const log of CHAIN_LOGS) {
      const d = LOGS[log];
      const done = await this.locked(log, 0, async (sql) => {
        const repo = new BackupRepository(sql);
        const last = await repo.scheduledFrontier(log);
        const start = await chainStart(sql, log);
        let frontier = Math.max(last?.lastSeq ?? 0, start.seq);
        let periodFloor = last?.periodEnd.getTime() ?? 0;
        const written: BackupOutcome[] = [];
        for (let i = 0; i < MAX_PERIODS_PER_RUN; i++) {
          const [next] = await sql(`SELECT seq, at FROM ${d.table} WHERE seq > ? ORDER BY seq LIMIT 1`, [frontier]);
          if (!next) break;
          const periodStart = Math.max(floorTo(new Date(next.at).getTime(), unit), periodFloor);
          const periodEnd = periodStart + UNIT_MS[unit];
          if (periodEnd > completedUpTo) break;
          const head = await readHead(sql, log);
          const lastSeq = await prefixBefore(sql, d, new Date(periodEnd), frontier, head.seq);
          const period = { unit, start: new Date(periodStart).toISOString(), end: new Date(periodEnd).toISOString() };
          const spec: BackupSpec = { id: randomUUID(), d, kind: 'scheduled', period, range: null, afterSeq: frontier, lastSeq };
          const outcome = await this.write(sql, spec, `${unit}:${period.start}`, requestedBy, new Date(periodStart), new Date(periodEnd));
          if (outcome) written.push(outcome);
          frontier = lastSeq;
          periodFloor = periodEnd;
        }
        return written;
      });
      outcomes.push(...(done ?? []));
    }
    return outcomes;
  }

  list(log?: ChainLog): Promise<BackupItem[]> {
    return new BackupRepository((q, p) => this.dataSource.query(q, p)).list(log);
  }
}
