import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccountFact, OpportunityFact } from './sales-feed.mapper.js';

/** Columns that move to a newer version's value (a row only ever moves forward). */
const OPPORTUNITY_COLUMNS = [
  'account_id',
  'lead_id',
  'campaign_id',
  'industry_code',
  'territory_id',
  'owner_id',
  'channel',
  'amount',
  'currency',
  'competitor_ids',
  'created_at',
] as const;

/** All SQL of the sales feed: upserts of the fact rows, newest version wins. */
@Injectable()
export class SalesFeedRepository {
  /**
   * Inserts the opportunity or moves it to a newer version; an older version changes nothing.
   * At the same version (sales' `updated.v1` and `won.v1` of one close share it) the closing event
   * may still close an open row and name the competitor; a closed row stays closed. One row per
   * opportunity, so a won event applied twice still counts the opportunity once. `version` is
   * assigned last so every condition before it compares with the stored one.
   */
  async upsertOpportunity(m: EntityManager, f: OpportunityFact): Promise<void> {
    const newer = 'VALUES(version) > version';
    const same = 'VALUES(version) = version';
    const moves = OPPORTUNITY_COLUMNS.map((c) => `${c} = IF(${newer}, VALUES(${c}), ${c})`).join(',\n');
    await m.query(
      `INSERT INTO sales_opportunity_fact (opportunity_id, account_id, lead_id, campaign_id, industry_code, territory_id, owner_id,
         channel, amount, currency, competitor_ids, created_at, status, lost_to_competitor_id, closed_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         ${moves},
         lost_to_competitor_id = IF(${newer}, VALUES(lost_to_competitor_id),
           IF(${same} AND status <> 'won', COALESCE(lost_to_competitor_id, VALUES(lost_to_competitor_id)), lost_to_competitor_id)),
         closed_at = IF(${newer} OR (${same} AND status = 'open'), VALUES(closed_at), closed_at),
         status = IF(${newer} OR (${same} AND status = 'open'), VALUES(status), status),
         version = GREATEST(version, VALUES(version))`,
      [
        f.opportunityId,
        f.accountId,
        f.leadId,
        f.campaignId,
        f.industryCode,
        f.territoryId,
        f.ownerId,
        f.channel,
        f.amount,
        f.currency,
        JSON.stringify(f.competitorIds),
        f.createdAt,
        f.status,
        f.lostToCompetitorId,
        f.closedAt,
        f.version,
      ],
    );
    if (!f.lines) return;
    // The row is locked by the upsert: replace the lines only when this event is (still) the latest.
    const [row] = (await m.query('SELECT version FROM sales_opportunity_fact WHERE opportunity_id = ?', [f.opportunityId])) as Array<{
      version: number;
    }>;
    if (!row || Number(row.version) !== f.version) return;
    await m.query('DELETE FROM sales_opportunity_line_fact WHERE opportunity_id = ?', [f.opportunityId]);
    await m.query(
      `INSERT INTO sales_opportunity_line_fact (opportunity_id, product_id, amount) VALUES ${f.lines.map(() => '(?, ?, ?)').join(', ')}`,
      f.lines.flatMap((l) => [f.opportunityId, l.productId, l.amount]),
    );
  }

  /** Inserts the account or moves it to a newer version; an older or equal version changes nothing. */
  async upsertAccount(m: EntityManager, a: AccountFact): Promise<void> {
    const cols = ['industry_code', 'region_code', 'segment', 'owner_id', 'territory_id', 'created_at'];
    await m.query(
      `INSERT INTO sales_account_fact (account_id, industry_code, region_code, segment, owner_id, territory_id, created_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         ${cols.map((c) => `${c} = IF(VALUES(version) > version, VALUES(${c}), ${c})`).join(',\n')},
         version = GREATEST(version, VALUES(version))`,
      [a.accountId, a.industryCode, a.regionCode, a.segment, a.ownerId, a.territoryId, a.createdAt, a.version],
    );
  }
}
