import { Inject, Injectable, Logger } from '@nestjs/common';
import { AUDIT_LOG_PURGED_V1, CrmError, ErrorCode, names, type AuditLogPurgedData } from '@crm/contracts';
import type { CrmConfig } from '@crm/config';
import { EventPublisher } from '@crm/messaging';
import { CRM_CONFIG } from '@crm/runtime';
import type { Operator } from '@crm/security';
import { BackupRepository } from '../backup/backup.repository.js';
import { ChainKeyring } from '../integrity/chain-crypto.js';
import { insertCheckpoint, readHead, type Sql } from '../integrity/chain-head.js';
import { LOGS, type ChainLog } from '../integrity/chain-logs.js';
import { chainStart, prefixBefore } from '../integrity/chain-positions.js';
import { verifyChain } from '../integrity/chain-verifier.js';
import { withSession } from '../integrity/driver-session.js';
import { logEntity } from '../integrity/integrity.service.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';
import { RetentionDatabase } from './retention-database.js';

/** Rows deleted per statement: short transactions, short locks, however large the purge. */
export const PURGE_CHUNK = 5000;

export interface PurgeRequest {
  log: ChainLog;
  before: Date;
  force: boolean;
}

export interface PurgeResult {
  log: ChainLog;
  before: string;
  rows: number;
  forced: boolean;
  /** The purge checkpoint the remaining chain verifies from (null when nothing was deleted). */
  checkpoint: { seq: number } | null;
}

/**
 * Retention (SPEC §4.3): deletes a log's oldest chain segment — every row up to the first one
 * stamped at or after `before` — only when completed backups hold all of it (unless forced), and
 * only when that segment still verifies (deleting it would destroy the evidence). A MAC'd `purge`
 * checkpoint at the boundary lets the remaining chain verify from there.
 */
@Injectable()
export class PurgeService {
  private readonly log = new Logger('Purge');

  constructor(
    @Inject(RetentionDatabase) private readonly retention: RetentionDatabase,
    @Inject(ChainKeyring) private readonly keyring: ChainKeyring,
    @Inject(EventPublisher) private readonly events: EventPublisher,
    @Inject(OperatorActionRecorder) private readonly actions: OperatorActionRecorder,
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
  ) {}

  /** `quiet`: the retention policy records only purges that deleted something. */
  async purge(request: PurgeRequest, operator: Operator, employeeId: string | null, quiet = false): Promise<PurgeResult> {
    let result: PurgeResult;
    try {
      result = await this.purgeUnderLock(request);
    } catch (error) {
      if (error instanceof CrmError && !quiet) {
        await this.actions.record(operator, {
          entity: logEntity(request.log),
          entityId: `before ${request.before.toISOString()}`,
          action: 'purge-refused',
          details: { before: request.before.toISOString(), force: request.force, code: error.code, reason: error.message },
        });
      }
      throw error;
    }
    if (quiet && result.rows === 0) return result;
    await this.actions.record(operator, {
      entity: logEntity(request.log),
      entityId: `before ${result.before}`,
      action: 'purge',
      details: { before: result.before, force: request.force, rows: result.rows, checkpointSeq: result.checkpoint?.seq ?? null },
    });
    if (result.rows > 0) {
      const data: AuditLogPurgedData = { log: result.log, before: result.before, rows: result.rows, forced: result.forced, employeeId };
      await this.events.publish(AUDIT_LOG_PURGED_V1, data, { employeeId });
    }
    this.log.log({ msg: 'log purged', log: result.log, before: result.before, rows: result.rows, forced: result.forced, employeeId });
    return result;
  }

  /** Under the retention account: the app's own may not delete log rows. */
  private async purgeUnderLock(request: PurgeRequest): Promise<PurgeResult> {
    return withSession(await this.retention.dataSource(), async (s) => {
      const name = `${names.database(this.config.namespace, 'audit')}.purge.${request.log}`;
      const [r] = await s.query('SELECT GET_LOCK(?, 0) AS got', [name]);
      if (Number(r.got) !== 1) throw new CrmError(ErrorCode.Conflict, `a purge of the ${request.log} log is already running`);
      try {
        return await this.purgeLocked((q, p) => s.query(q, p), request);
      } finally {
        await s.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
      }
    });
  }

  private async purgeLocked(sql: Sql, request: PurgeRequest): Promise<PurgeResult> {
    const d = LOGS[request.log];
    const before = request.before.toISOString();
    const head = await readHead(sql, request.log);
    const start = await chainStart(sql, request.log);
    const boundary = await prefixBefore(sql, d, request.before, start.seq, head.seq);
    let forced = false;
    if (boundary > start.seq) {
      const gap = await new BackupRepository(sql).firstUncovered(request.log, start.seq + 1, boundary);
      if (gap && !request.force) {
        const [a] = await sql(`SELECT at FROM ${d.table} WHERE seq = ?`, [gap.from]);
        const [b] = await sql(`SELECT at FROM ${d.table} WHERE seq = ?`, [gap.to]);
        const when = a && b ? ` (stamped ${new Date(a.at).toISOString()} … ${new Date(b.at).toISOString()})` : '';
        throw new CrmError(
          ErrorCode.Conflict,
          `rows seq ${gap.from}–${gap.to} of the ${request.log} log${when} are not backed up; back them up (POST /audit/backups) or purge with force`,
          [{ field: 'before', reasons: [`seq ${gap.from}–${gap.to} not covered by a completed backup`] }],
        );
      }
      forced = gap !== null;
      const check = await verifyChain(sql, this.keyring, d);
      if (!check.ok && check.firstBroken && check.firstBroken.seq <= boundary + 1 && !request.force) {
        throw new CrmError(
          ErrorCode.Conflict,
          `the ${request.log} chain is broken at seq ${check.firstBroken.seq} (${check.firstBroken.reason}); purging would destroy the evidence — investigate, or purge with force`,
        );
      }
      const [row] = await sql(`SELECT row_hash FROM ${d.table} WHERE seq = ?`, [boundary]);
      if (!row?.row_hash)
        throw new CrmError(ErrorCode.Conflict, `row seq ${boundary} of the ${request.log} log is missing or unchained; run verify`);
      await insertCheckpoint(sql, this.keyring, { log: request.log, seq: boundary, hash: row.row_hash as Buffer, kind: 'purge' });
    }
    // Also what an interrupted purge left below the chain start.
    const upTo = Math.max(boundary, start.seq);
    let rows = 0;
    for (;;) {
      await sql('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      const res = await sql(`DELETE FROM ${d.table} WHERE seq <= ? ORDER BY seq LIMIT ${PURGE_CHUNK}`, [upTo]);
      rows += Number(res.affectedRows ?? 0);
      if (Number(res.affectedRows ?? 0) < PURGE_CHUNK) break;
    }
    return { log: request.log, before, rows, forced: forced && rows > 0, checkpoint: boundary > start.seq ? { seq: boundary } : null };
  }
}
