import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OPEN_LEAD_STATUSES, type ScoreReason } from '@crm/contracts';
import type { ScoringSubject, TouchCount } from './scoring.engine.js';

const OPEN = `('${OPEN_LEAD_STATUSES.join("', '")}')`;

export interface RescoreLead extends ScoringSubject {
  id: string;
  score: number;
  /** As stored (JSON text), to compare with the new reasons without re-serialising every row. */
  reasonsJson: string;
}

export interface ScoreChange {
  id: string;
  score: number;
  reasons: ScoreReason[];
}

/** The re-scoring job's SQL over the lead feature's tables (same owner: leads, scoring and assignment). */
@Injectable()
export class RescoreRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countOpen(): Promise<number> {
    const [r]: Array<{ n: string | number }> = await this.dataSource.query(`SELECT COUNT(*) AS n FROM \`lead\` WHERE status IN ${OPEN}`);
    return Number(r?.n ?? 0);
  }

  /**
   * The next `limit` open leads after `afterId` in id order, locked for this batch: a capture adding
   * a touch to one of them waits for the batch (milliseconds) instead of having its new score
   * overwritten. Run under READ COMMITTED, so no gap locks: new leads are inserted meanwhile.
   */
  async openBatch(m: EntityManager, afterId: string, limit: number): Promise<RescoreLead[]> {
    const rows: Array<Record<string, any>> = await m.query(
      `SELECT id, industry_code, region_code, segment, company_size, source, attributes, score, score_reasons
       FROM \`lead\` WHERE id > ? AND status IN ${OPEN} ORDER BY id LIMIT ? FOR UPDATE`,
      [afterId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      industryCode: r.industry_code,
      regionCode: r.region_code,
      segment: r.segment,
      companySize: r.company_size === null ? null : Number(r.company_size),
      source: r.source,
      attributes: r.attributes === null ? null : typeof r.attributes === 'string' ? JSON.parse(r.attributes) : r.attributes,
      score: Number(r.score),
      reasonsJson:
        r.score_reasons === null ? '[]' : typeof r.score_reasons === 'string' ? r.score_reasons : JSON.stringify(r.score_reasons),
    }));
  }

  async touchCounts(m: EntityManager, ids: string[]): Promise<Map<string, TouchCount[]>> {
    const out = new Map<string, TouchCount[]>();
    if (ids.length === 0) return out;
    const rows: Array<{ lead_id: string; kind: string; campaign_id: string | null; n: string | number }> = await m.query(
      'SELECT lead_id, kind, campaign_id, COUNT(*) AS n FROM lead_touch WHERE lead_id IN (?) GROUP BY lead_id, kind, campaign_id',
      [ids],
    );
    for (const r of rows) {
      const list = out.get(r.lead_id) ?? [];
      list.push({ kind: r.kind, campaignId: r.campaign_id, count: Number(r.n) });
      out.set(r.lead_id, list);
    }
    return out;
  }

  /**
   * One statement for the batch's changed scores: a join with the new values as a derived table
   * (a CASE per column would compare every row with every value). No version bump: scores are derived.
   */
  async updateScores(m: EntityManager, changes: ScoreChange[]): Promise<void> {
    if (changes.length === 0) return;
    const values = changes.map((_, i) => (i === 0 ? 'SELECT ? AS id, ? AS score, ? AS reasons' : 'SELECT ?, ?, ?')).join(' UNION ALL ');
    const params = changes.flatMap((c) => [c.id, c.score, JSON.stringify(c.reasons)]);
    await m.query(`UPDATE \`lead\` l JOIN (${values}) v ON l.id = v.id SET l.score = v.score, l.score_reasons = v.reasons`, params);
  }
}
