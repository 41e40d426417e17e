import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Decimal, money } from '@crm/contracts';
import { ALL_OWNERS, type CubeDim, type CubeKind, type CubeRow, type FactLine, type OpportunityFact } from './analysis-fact.js';

/** A sum over cube rows, grouped by one column. */
export interface CubeQuery {
  kind: CubeKind;
  dim: CubeDim;
  /** The column the sums are grouped by; `none` gives one total row (key ''). */
  groupBy: 'value' | 'owner' | 'channel' | 'none';
  /** The caller's owners, or null for all (then the `*` rows, unless `groupBy` is `owner`). */
  owners: readonly string[] | null;
  fromMonth: string;
  toMonth: string;
  currency: string;
  pipelineId?: string;
  channel?: string;
}

export interface CubeSum {
  key: string;
  oppCount: number;
  amount: Decimal;
  weighted: Decimal;
  wonCount: number;
  wonAmount: Decimal;
  lostCount: number;
  cycleDays: number;
}

export interface TeamMembership {
  teamId: string;
  name: string | null;
  employeeId: string;
}

export interface QuotaSum {
  ownerKind: 'employee' | 'team';
  ownerId: string;
  amount: Decimal;
}

export interface CubeComparison {
  facts: number;
  aggregateRows: number;
  recomputedRows: number;
  differences: number;
  samples: Array<{ key: string; stored: string | null; recomputed: string | null }>;
}

const KEY_COLUMNS = ['kind', 'dim', 'owner_id', 'month', 'currency', 'pipeline_id', 'channel', 'dim_value'] as const;
const MEASURE_COLUMNS = ['opp_count', 'amount', 'weighted', 'won_count', 'won_amount', 'lost_count', 'cycle_days'] as const;
const NO_SUCH_TABLE = 1146;

/** MariaDB's "table does not exist": another feature's table not created in this installation yet. */
function isMissingTable(error: unknown): boolean {
  return (error as { errno?: number }).errno === NO_SUCH_TABLE;
}

function toSqlTime(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

/** Every analysis query. Writes take the inbox transaction's manager; reads default to the data source's. */
@Injectable()
export class AnalysisRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The opportunity's fact row, locked for the change in `m`'s transaction, or null. */
  async lockFact(m: EntityManager, id: string): Promise<OpportunityFact | null> {
    const rows: any[] = await m.query(
      `SELECT id, version, owner_version, owner_id, territory_id, channel, industry_code, pipeline_id, stage, status, amount, probability,
              currency, DATE_FORMAT(close_date, '%Y-%m-%d') AS close_date, created_at, closed_at
         FROM analysis_opportunity WHERE id = ? FOR UPDATE`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    const lines: Array<{ product_id: string; amount: string }> = await m.query(
      'SELECT product_id, amount FROM analysis_opportunity_line WHERE opportunity_id = ? ORDER BY product_id',
      [id],
    );
    return {
      id: r.id,
      version: Number(r.version),
      ownerVersion: Number(r.owner_version),
      ownerId: r.owner_id,
      territoryId: r.territory_id,
      channel: r.channel,
      industryCode: r.industry_code,
      pipelineId: r.pipeline_id,
      stage: r.stage,
      status: r.status,
      amount: money(r.amount).toFixed(2),
      probability: Number(r.probability),
      currency: r.currency,
      closeDate: r.close_date,
      createdAt: r.created_at ? (r.created_at as Date).toISOString() : null,
      closedAt: r.closed_at ? (r.closed_at as Date).toISOString() : null,
      lines: lines.map((l) => ({ productId: l.product_id, amount: money(l.amount).toFixed(2) })),
    };
  }

  async saveFact(m: EntityManager, f: OpportunityFact, linesChanged: boolean): Promise<void> {
    const values = [
      f.id,
      f.version,
      f.ownerVersion,
      f.ownerId,
      f.territoryId,
      f.channel,
      f.industryCode,
      f.pipelineId,
      f.stage,
      f.status,
      f.amount,
      f.probability,
      f.currency,
      f.closeDate,
      toSqlTime(f.createdAt),
      toSqlTime(f.closedAt),
    ];
    const columns = [
      'id',
      'version',
      'owner_version',
      'owner_id',
      'territory_id',
      'channel',
      'industry_code',
      'pipeline_id',
      'stage',
      'status',
      'amount',
      'probability',
      'currency',
      'close_date',
      'created_at',
      'closed_at',
    ];
    await m.query(
      `INSERT INTO analysis_opportunity (${columns.join(', ')}, applied_at) VALUES (${columns.map(() => '?').join(', ')}, NOW(3))
       ON DUPLICATE KEY UPDATE ${columns
         .slice(1)
         .map((c) => `${c} = VALUES(${c})`)
         .join(', ')}, applied_at = NOW(3)`,
      values,
    );
    if (!linesChanged) return;
    await m.query('DELETE FROM analysis_opportunity_line WHERE opportunity_id = ?', [f.id]);
    if (f.lines.length) await this.insertLines(m, f.id, f.lines);
  }

  private async insertLines(m: EntityManager, id: string, lines: readonly FactLine[]): Promise<void> {
    await m.query(
      `INSERT INTO analysis_opportunity_line (opportunity_id, product_id, amount) VALUES ${lines.map(() => '(?, ?, ?)').join(', ')}`,
      [...lines.flatMap((l) => [id, l.productId, l.amount])],
    );
  }

  /** Adds `delta` (signed figures) to the cube and removes the rows it brings to zero. */
  async applyDelta(m: EntityManager, delta: readonly CubeRow[]): Promise<void> {
    if (!delta.length) return;
    const keyOf = (r: CubeRow) => [r.kind, r.dim, r.ownerId, r.month, r.currency, r.pipelineId, r.channel, r.value];
    const row = `(${[...KEY_COLUMNS, ...MEASURE_COLUMNS].map(() => '?').join(', ')})`;
    await m.query(
      `INSERT INTO analysis_cube (${[...KEY_COLUMNS, ...MEASURE_COLUMNS].join(', ')}) VALUES ${delta.map(() => row).join(', ')}
       ON DUPLICATE KEY UPDATE ${MEASURE_COLUMNS.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`,
      delta.flatMap((r) => [
        ...keyOf(r),
        r.oppCount,
        r.amount.toFixed(2),
        r.weighted.toFixed(4),
        r.wonCount,
        r.wonAmount.toFixed(2),
        r.lostCount,
        r.cycleDays,
      ]),
    );
    const one = `(${KEY_COLUMNS.map((c) => `${c} = ?`).join(' AND ')})`;
    await m.query(
      `DELETE FROM analysis_cube WHERE (${delta.map(() => one).join(' OR ')})
         AND opp_count = 0 AND won_count = 0 AND lost_count = 0 AND cycle_days = 0 AND amount = 0 AND weighted = 0 AND won_amount = 0`,
      delta.flatMap(keyOf),
    );
  }

  async sumCube(q: CubeQuery, m: EntityManager = this.dataSource.manager): Promise<CubeSum[]> {
    if (q.owners !== null && q.owners.length === 0) return [];
    const where = ['kind = ?', 'dim = ?', 'month BETWEEN ? AND ?', 'currency = ?'];
    const params: unknown[] = [q.kind, q.dim, q.fromMonth, q.toMonth, q.currency];
    if (q.owners !== null) {
      where.push(`owner_id IN (${q.owners.map(() => '?').join(', ')})`);
      params.push(...q.owners);
    } else {
      where.push(q.groupBy === 'owner' ? 'owner_id <> ?' : 'owner_id = ?');
      params.push(ALL_OWNERS);
    }
    if (q.pipelineId !== undefined) {
      where.push('pipeline_id = ?');
      params.push(q.pipelineId);
    }
    if (q.channel !== undefined) {
      where.push('channel = ?');
      params.push(q.channel);
    }
    const key = { value: 'dim_value', owner: 'owner_id', channel: 'channel', none: "''" }[q.groupBy];
    const rows: any[] = await m.query(
      `SELECT ${key} AS k, SUM(opp_count) AS n, SUM(amount) AS amount, SUM(weighted) AS weighted, SUM(won_count) AS won,
              SUM(won_amount) AS won_amount, SUM(lost_count) AS lost, SUM(cycle_days) AS cycle
         FROM analysis_cube WHERE ${where.join(' AND ')} GROUP BY k ORDER BY k`,
      params,
    );
    return rows.map((r) => ({
      key: String(r.k),
      oppCount: Number(r.n),
      amount: money(r.amount),
      weighted: money(r.weighted),
      wonCount: Number(r.won),
      wonAmount: money(r.won_amount),
      lostCount: Number(r.lost),
      cycleDays: Number(r.cycle),
    }));
  }

  /**
   * Sales teams and their members (manager included), read from the team feature's tables; only
   * members among `owners` when the caller's scope is limited. No team tables yet: no teams.
   */
  async teams(owners: readonly string[] | null, m: EntityManager = this.dataSource.manager): Promise<TeamMembership[]> {
    if (owners !== null && owners.length === 0) return [];
    const only = owners === null ? '' : `WHERE x.employee_id IN (${owners.map(() => '?').join(', ')})`;
    try {
      const rows: any[] = await m.query(
        `SELECT DISTINCT x.team_id, t.name, x.employee_id FROM (
           SELECT team_id, employee_id FROM sales_team_member
           UNION SELECT id AS team_id, manager_id AS employee_id FROM sales_team WHERE manager_id IS NOT NULL
         ) x JOIN sales_team t ON t.id = x.team_id ${only} ORDER BY x.team_id, x.employee_id`,
        owners ?? [],
      );
      return rows.map((r) => ({ teamId: r.team_id, name: r.name ?? null, employeeId: r.employee_id }));
    } catch (error) {
      if (isMissingTable(error)) return [];
      throw error;
    }
  }

  /** Every member of these teams (to tell whether the caller's scope covers a whole team). */
  async teamSizes(teamIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (!teamIds.length) return new Map();
    const all = await this.teams(null, m);
    const sizes = new Map<string, number>();
    for (const t of all) if (teamIds.includes(t.teamId)) sizes.set(t.teamId, (sizes.get(t.teamId) ?? 0) + 1);
    return sizes;
  }

  /** Quotas whose period lies within [from, to], summed per employee / team. No quota table yet: none. */
  async quotas(currency: string, from: string, to: string, m: EntityManager = this.dataSource.manager): Promise<QuotaSum[]> {
    try {
      const rows: any[] = await m.query(
        `SELECT owner_kind, owner_id, SUM(amount) AS amount FROM quota
          WHERE currency = ? AND period_start >= ? AND period_end <= ? GROUP BY owner_kind, owner_id ORDER BY owner_kind, owner_id`,
        [currency, from, to],
      );
      return rows.map((r) => ({ ownerKind: r.owner_kind, ownerId: r.owner_id, amount: money(r.amount) }));
    } catch (error) {
      if (isMissingTable(error)) return [];
      throw error;
    }
  }

  /**
   * Recomputes the whole cube from the fact rows (the SQL form of `contributionsOf`) into a
   * temporary table and compares it with the stored cube; with `repair`, the stored cube becomes
   * the recomputation. One transaction: the recomputation's locking reads hold off the inbox
   * meanwhile, so a repair never loses a concurrent change.
   */
  verify(repair: boolean): Promise<CubeComparison> {
    return this.dataSource.transaction(async (m) => {
      // Room to group in memory (session only).
      await m.query('SET SESSION tmp_table_size = 268435456, max_heap_table_size = 268435456');
      if (repair) {
        // An empty cube (a first build after a bulk load of facts) is filled directly: nothing to compare.
        const [{ stored }] = await m.query('SELECT EXISTS (SELECT 1 FROM analysis_cube) AS stored');
        if (Number(stored) === 0) {
          await this.recompute(m, 'analysis_cube');
          const [{ facts }] = await m.query('SELECT COUNT(*) AS facts FROM analysis_opportunity WHERE version > 0');
          const [{ built }] = await m.query('SELECT COUNT(*) AS built FROM analysis_cube');
          return { facts: Number(facts), aggregateRows: 0, recomputedRows: Number(built), differences: Number(built), samples: [] };
        }
      }
      await m.query('DROP TEMPORARY TABLE IF EXISTS analysis_cube_check');
      await m.query('CREATE TEMPORARY TABLE analysis_cube_check LIKE analysis_cube');
      try {
        await this.recompute(m, 'analysis_cube_check');
        const [{ facts }] = await m.query('SELECT COUNT(*) AS facts FROM analysis_opportunity WHERE version > 0');
        const [{ stored }] = await m.query('SELECT COUNT(*) AS stored FROM analysis_cube');
        const [{ recomputed }] = await m.query('SELECT COUNT(*) AS recomputed FROM analysis_cube_check');
        const join = KEY_COLUMNS.map((c) => `s.${c} = r.${c}`).join(' AND ');
        const same = MEASURE_COLUMNS.map((c) => `s.${c} = r.${c}`).join(' AND ');
        const keyText = (a: string) => `CONCAT_WS('|', ${KEY_COLUMNS.map((c) => `${a}.${c}`).join(', ')})`;
        const measuresText = (a: string) => `CONCAT_WS(' ', ${MEASURE_COLUMNS.map((c) => `${a}.${c}`).join(', ')})`;
        const diffs = `
          SELECT ${keyText('s')} AS k, ${measuresText('s')} AS stored, IF(r.kind IS NULL, NULL, ${measuresText('r')}) AS recomputed
            FROM analysis_cube s LEFT JOIN analysis_cube_check r ON ${join} WHERE r.kind IS NULL OR NOT (${same})
          UNION ALL
          SELECT ${keyText('r')}, NULL, ${measuresText('r')}
            FROM analysis_cube_check r LEFT JOIN analysis_cube s ON ${join} WHERE s.kind IS NULL`;
        const [{ differences }] = await m.query(`SELECT COUNT(*) AS differences FROM (${diffs}) d`);
        const samples: any[] = Number(differences) ? await m.query(`${diffs} LIMIT 20`) : [];
        if (repair && Number(differences)) {
          await m.query('DELETE FROM analysis_cube');
          await m.query('INSERT INTO analysis_cube SELECT * FROM analysis_cube_check');
        }
        return {
          facts: Number(facts),
          aggregateRows: Number(stored),
          recomputedRows: Number(recomputed),
          differences: Number(differences),
          samples: samples.map((s) => ({ key: s.k, stored: s.stored ?? null, recomputed: s.recomputed ?? null })),
        };
      } finally {
        await m.query('DROP TEMPORARY TABLE IF EXISTS analysis_cube_check');
        await m.query('DROP TEMPORARY TABLE IF EXISTS analysis_line_total');
      }
    });
  }

  /**
   * One plain GROUP BY per figure kind, dimension and owner level (owner, `*`), grouping by columns
   * rather than by expressions over a cross join: MariaDB groups those in memory, many times faster.
   */
  private async recompute(m: EntityManager, target: 'analysis_cube' | 'analysis_cube_check'): Promise<void> {
    const into = `INSERT INTO ${target} (${[...KEY_COLUMNS, ...MEASURE_COLUMNS].join(', ')})`;
    const dims: Array<[string, string]> = [
      ['base', "''"],
      ['stage', 'f.stage'],
      ['territory', "COALESCE(f.territory_id, '')"],
      ['industry', "COALESCE(f.industry_code, '')"],
    ];
    const closedDay = 'COALESCE(f.closed_at, f.close_date)';
    const kinds = [
      {
        kind: 'open',
        month: "DATE_FORMAT(f.close_date, '%Y-%m-01')",
        where: "f.status = 'open'",
        measures: 'COUNT(*), SUM(f.amount), SUM(f.amount * f.probability / 100), 0, 0, 0, 0',
      },
      {
        kind: 'closed',
        month: `DATE_FORMAT(${closedDay}, '%Y-%m-01')`,
        where: "f.status IN ('won', 'lost')",
        measures: `COUNT(*), SUM(f.amount), 0, SUM(f.status = 'won'), SUM(IF(f.status = 'won', f.amount, 0)), SUM(f.status = 'lost'),
                   SUM(IF(f.status = 'won' AND f.created_at IS NOT NULL, DATEDIFF(${closedDay}, f.created_at), 0))`,
      },
    ];
    // Each won opportunity's lines added up once, for the unallocated rest of both owner levels
    // (columns typed by the SELECT, so the id keeps the fact table's collation).
    await m.query('DROP TEMPORARY TABLE IF EXISTS analysis_line_total');
    await m.query(`CREATE TEMPORARY TABLE analysis_line_total (PRIMARY KEY (opportunity_id))
      SELECT opportunity_id, SUM(amount) AS total FROM analysis_opportunity_line GROUP BY opportunity_id`);
    for (const owner of ['f.owner_id', `'${ALL_OWNERS}'`]) {
      for (const k of kinds) {
        for (const [dim, value] of dims) {
          await m.query(`${into}
            SELECT '${k.kind}', '${dim}', ${owner}, ${k.month} AS mo, f.currency, f.pipeline_id, f.channel, ${value} AS v, ${k.measures}
              FROM analysis_opportunity f
             WHERE f.version > 0 AND f.close_date IS NOT NULL AND ${k.where}
             GROUP BY ${owner === 'f.owner_id' ? 'f.owner_id, ' : ''}mo, f.currency, f.pipeline_id, f.channel, v`);
        }
      }
      const won = `f.version > 0 AND f.close_date IS NOT NULL AND f.status = 'won'`;
      const ownerGroup = owner === 'f.owner_id' ? 'f.owner_id, ' : '';
      await m.query(`${into}
        SELECT 'product', 'product', ${owner}, DATE_FORMAT(${closedDay}, '%Y-%m-01') AS mo, f.currency, f.pipeline_id, f.channel, l.product_id,
               COUNT(*), 0, 0, 0, SUM(l.amount), 0, 0
          FROM analysis_opportunity f JOIN analysis_opportunity_line l ON l.opportunity_id = f.id
         WHERE ${won}
         GROUP BY ${ownerGroup}mo, f.currency, f.pipeline_id, f.channel, l.product_id`);
      await m.query(`${into}
        SELECT 'product', 'product', ${owner}, DATE_FORMAT(${closedDay}, '%Y-%m-01') AS mo, f.currency, f.pipeline_id, f.channel, '',
               COUNT(*), 0, 0, 0, SUM(f.amount - COALESCE(s.total, 0)), 0, 0
          FROM analysis_opportunity f
          LEFT JOIN analysis_line_total s ON s.opportunity_id = f.id
         WHERE ${won} AND f.amount <> COALESCE(s.total, 0)
         GROUP BY ${ownerGroup}mo, f.currency, f.pipeline_id, f.channel`);
    }
  }
}
