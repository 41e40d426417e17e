import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RealignmentMoveView, RealignmentView } from '@crm/contracts';

export type RealignedEntity = 'account' | 'opportunity';

/** An account or open opportunity as realignment reads it (the shared columns of the brief). */
export interface Placeable {
  id: string;
  ownerId: string;
  territoryId: string | null;
  regionCode: string | null;
  industryCode: string | null;
  segment: string | null;
  version: number;
}

/** Which records a realignment scans: those in `territoryIds`, or within `regionPrefix`; null = all. */
export type RealignmentScope = { territoryIds: string[]; regionPrefix: string | null } | null;

interface RawPlaceable {
  id: string;
  owner_id: string;
  territory_id: string | null;
  region_code: string | null;
  industry_code: string | null;
  segment: string | null;
  version: number;
}

interface RawRealignment {
  id: string;
  territory_id: string | null;
  dry_run: number;
  status: RealignmentView['status'];
  scanned: number;
  moved: number;
  sample: string | RealignmentMoveView[];
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export const SAMPLE_SIZE = 100;

/**
 * Realignment's SQL: batches of accounts and open opportunities in id order (read by the
 * columns the brief shares between features), their moves, and the run's progress row.
 */
@Injectable()
export class RealignmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The next `limit` records after `afterId`, locked for the move unless `lock` is false (dry run). */
  async batch(
    m: EntityManager,
    entity: RealignedEntity,
    scope: RealignmentScope,
    afterId: string,
    limit: number,
    lock: boolean,
  ): Promise<Placeable[]> {
    const alias = entity === 'account' ? 'a' : 'o';
    const where: string[] = [`${alias}.id > ?`];
    const params: unknown[] = [afterId];
    if (scope) {
      const any: string[] = [];
      if (scope.territoryIds.length) {
        any.push(`${alias}.territory_id IN (?)`);
        params.push(scope.territoryIds);
      }
      if (scope.regionPrefix !== null) {
        any.push('a.region_code LIKE ?');
        params.push(`${scope.regionPrefix}%`);
      }
      where.push(any.length ? `(${any.join(' OR ')})` : '1 = 0');
    }
    const sql =
      entity === 'account'
        ? `SELECT a.id, a.owner_id, a.territory_id, a.region_code, a.industry_code, a.segment, a.version FROM account a
            WHERE ${where.join(' AND ')} ORDER BY a.id LIMIT ?`
        : `SELECT o.id, o.owner_id, o.territory_id, a.region_code, COALESCE(o.industry_code, a.industry_code) AS industry_code,
                  a.segment, o.version
             FROM opportunity o LEFT JOIN account a ON a.id = o.account_id
            WHERE o.status = 'open' AND ${where.join(' AND ')} ORDER BY o.id LIMIT ?`;
    const rows: RawPlaceable[] = await m.query(`${sql}${lock ? ' FOR UPDATE' : ''}`, [...params, limit]);
    return rows.map((r) => ({
      id: r.id,
      ownerId: r.owner_id,
      territoryId: r.territory_id,
      regionCode: r.region_code,
      industryCode: r.industry_code,
      segment: r.segment,
      version: Number(r.version),
    }));
  }

  /** Moves one record (locked by `batch`); its version goes up like any other change. */
  async move(m: EntityManager, entity: RealignedEntity, id: string, ownerId: string, territoryId: string | null): Promise<void> {
    await m.query(
      `UPDATE ${entity === 'account' ? 'account' : 'opportunity'} SET owner_id = ?, territory_id = ?, version = version + 1 WHERE id = ?`,
      [ownerId, territoryId, id],
    );
  }

  async insert(m: EntityManager, r: { id: string; territoryId: string | null; dryRun: boolean; requestedBy: string }): Promise<void> {
    await m.query(
      "INSERT INTO territory_realignment (id, territory_id, dry_run, status, sample, requested_by) VALUES (?, ?, ?, 'running', '[]', ?)",
      [r.id, r.territoryId, r.dryRun ? 1 : 0, r.requestedBy],
    );
  }

  /** Adds a batch's figures (and the first moves, up to SAMPLE_SIZE) to the run, in the batch's transaction. */
  async progress(m: EntityManager, id: string, scanned: number, moves: RealignmentMoveView[]): Promise<void> {
    const rows: Array<{ sample: string | RealignmentMoveView[] }> = await m.query(
      'SELECT sample FROM territory_realignment WHERE id = ? FOR UPDATE',
      [id],
    );
    const held = rows[0] ? parseSample(rows[0].sample) : [];
    const sample = held.length < SAMPLE_SIZE ? [...held, ...moves].slice(0, SAMPLE_SIZE) : held;
    await m.query('UPDATE territory_realignment SET scanned = scanned + ?, moved = moved + ?, sample = ? WHERE id = ?', [
      scanned,
      moves.length,
      JSON.stringify(sample),
      id,
    ]);
  }

  async finish(id: string, status: 'completed' | 'failed', error: string | null): Promise<void> {
    await this.dataSource.query('UPDATE territory_realignment SET status = ?, error = ?, finished_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [
      status,
      error,
      id,
    ]);
  }

  async find(id: string): Promise<RealignmentView | null> {
    const rows: RawRealignment[] = await this.dataSource.query(
      'SELECT id, territory_id, dry_run, status, scanned, moved, sample, error, started_at, finished_at FROM territory_realignment WHERE id = ?',
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      realignmentId: r.id,
      territoryId: r.territory_id,
      dryRun: Number(r.dry_run) === 1,
      status: r.status,
      scanned: Number(r.scanned),
      moved: Number(r.moved),
      sample: parseSample(r.sample),
      error: r.error,
      startedAt: new Date(r.started_at).toISOString(),
      finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    };
  }
}

function parseSample(v: string | RealignmentMoveView[]): RealignmentMoveView[] {
  return typeof v === 'string' ? (JSON.parse(v) as RealignmentMoveView[]) : v;
}
