import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CampaignMemberKind, CampaignResponseStatus, ScopeGrant, SegmentCriteria } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { accountSegmentWhere, leadSegmentWhere } from './segment-query.js';
import { allOf, inList, scopeCondition, type SqlFragment } from './scope-sql.js';

/** A row of `campaign_member`. */
export interface CampaignMemberRow {
  id: string;
  campaign_id: string;
  member_kind: CampaignMemberKind;
  member_id: string;
  source: 'static' | 'segment';
  response_status: CampaignResponseStatus;
  version: number;
  added_at: Date;
  responded_at: Date | null;
}

/** A campaign's members, newest first (the auto-increment id is the order they were added in). */
export const CAMPAIGN_MEMBER_LIST: KeysetList<Pick<CampaignMemberRow, 'id'>> = {
  name: 'marketing.campaign-members',
  keys: [{ column: 'm.id', kind: 'bigint' }],
  direction: 'DESC',
  positionOf: (r) => [BigInt(String(r.id))],
};

const COLUMNS = 'm.id, m.campaign_id, m.member_kind, m.member_id, m.source, m.response_status, m.version, m.added_at, m.responded_at';

/** Where the members of each kind come from. */
const SOURCES: Record<CampaignMemberKind, { table: string; alias: string; id: string; where: (c: SegmentCriteria) => SqlFragment }> = {
  lead: { table: '`lead`', alias: 'l', id: 'l.id', where: (c) => leadSegmentWhere(c, 'l') },
  account: { table: 'sales_account_fact', alias: 'a', id: 'a.account_id', where: (c) => accountSegmentWhere(c, 'a') },
};

/** Campaign members; the campaign's data scope is checked by the service before any of these. */
@Injectable()
export class CampaignMemberRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Of `ids`, those marketing knows as leads / sales accounts. */
  async existing(m: EntityManager, kind: CampaignMemberKind, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const s = SOURCES[kind];
    const where = inList(s.id, ids);
    const rows = (await m.query(`SELECT ${s.id} AS id FROM ${s.table} ${s.alias} WHERE ${where.sql}`, where.params)) as Array<{
      id: string;
    }>;
    return new Set(rows.map((r) => r.id));
  }

  /** Adds static members as `targeted`; ids already members stay as they are. */
  async addStatic(m: EntityManager, campaignId: string, kind: CampaignMemberKind, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      `INSERT INTO campaign_member (campaign_id, member_kind, member_id, source, response_status, version)
       VALUES ${ids.map(() => "(?, ?, ?, 'static', 'targeted', 1)").join(', ')}
       ON DUPLICATE KEY UPDATE campaign_id = campaign_id`,
      ids.flatMap((id) => [campaignId, kind, id]),
    );
  }

  /**
   * Evaluates the segment for one kind: matching rows (within the caller's data scope) not yet
   * members are added as `targeted` segment members; segment members still `targeted` that no
   * longer match are removed. Returns how many were removed (the service counts what was added:
   * a no-op duplicate's affected-rows count depends on the connection's flags).
   */
  async applySegment(
    m: EntityManager,
    campaignId: string,
    kind: CampaignMemberKind,
    criteria: SegmentCriteria,
    scope: ScopeGrant | null,
  ): Promise<number> {
    const s = SOURCES[kind];
    const match = allOf([s.where(criteria), scopeCondition(`${s.alias}.owner_id`, scope)]);
    const removed = (await m.query(
      `DELETE FROM campaign_member WHERE campaign_id = ? AND member_kind = ? AND source = 'segment' AND response_status = 'targeted'
         AND NOT EXISTS (SELECT 1 FROM ${s.table} ${s.alias} WHERE ${s.id} = campaign_member.member_id AND ${match.sql})`,
      [campaignId, kind, ...match.params],
    )) as { affectedRows: number };
    await m.query(
      `INSERT INTO campaign_member (campaign_id, member_kind, member_id, source, response_status, version)
       SELECT ?, ?, ${s.id}, 'segment', 'targeted', 1 FROM ${s.table} ${s.alias} WHERE ${match.sql}
       ON DUPLICATE KEY UPDATE campaign_id = campaign_member.campaign_id`,
      [campaignId, kind, ...match.params],
    );
    return removed.affectedRows;
  }

  async count(m: EntityManager, campaignId: string): Promise<number> {
    const [r] = (await m.query('SELECT COUNT(*) AS n FROM campaign_member WHERE campaign_id = ?', [campaignId])) as Array<{
      n: number | string;
    }>;
    return Number(r?.n ?? 0);
  }

  async find(
    m: EntityManager,
    campaignId: string,
    kind: CampaignMemberKind,
    memberId: string,
    lock = false,
  ): Promise<CampaignMemberRow | null> {
    const rows = (await m.query(
      `SELECT ${COLUMNS} FROM campaign_member m WHERE m.campaign_id = ? AND m.member_kind = ? AND m.member_id = ?${lock ? ' FOR UPDATE' : ''}`,
      [campaignId, kind, memberId],
    )) as CampaignMemberRow[];
    return rows[0] ?? null;
  }

  async respond(m: EntityManager, id: string, status: CampaignResponseStatus, respondedAt: Date | null): Promise<void> {
    await m.query('UPDATE campaign_member SET response_status = ?, responded_at = ?, version = version + 1 WHERE id = ?', [
      status,
      respondedAt,
      id,
    ]);
  }

  async remove(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM campaign_member WHERE id = ?', [id]);
  }

  list(
    f: { campaignId: string; memberKind?: CampaignMemberKind; responseStatus?: CampaignResponseStatus },
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<CampaignMemberRow[]> {
    const q = new KeysetQuery(CAMPAIGN_MEMBER_LIST)
      .equal('m.campaign_id', f.campaignId)
      .equal('m.member_kind', f.memberKind)
      .equal('m.response_status', f.responseStatus)
      .after(position)
      .page(COLUMNS, 'campaign_member m', limit);
    return m.query(q.sql, q.params) as Promise<CampaignMemberRow[]>;
  }
}
