import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OPEN_LEAD_STATUSES, type LeadHistoryAction, type ListLeadsDto, type ScopeGrant } from '@crm/contracts';
import { applyScope, KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import type { TouchCount } from '../scoring/scoring.engine.js';
import { LeadEntity } from './lead.entity.js';

const OWNER = { ownerColumn: 'ownerId' };
const OPEN = `('${OPEN_LEAD_STATUSES.join("', '")}')`;

/** Newest first (SPEC §6.0), the id breaking ties between leads created in the same millisecond. */
export const LEAD_LIST: KeysetList<Pick<LeadEntity, 'createdAt' | 'id'>> = {
  name: 'marketing.leads',
  keys: [
    { column: 'l.created_at', kind: 'time' },
    { column: 'l.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (l) => [l.createdAt, l.id],
};

export interface LeadHistoryRow {
  id: string;
  lead_id: string;
  origin_lead_id: string;
  action: LeadHistoryAction;
  actor: string;
  details: string | Record<string, unknown>;
  at: Date;
}

/** A lead's history, newest first. */
export const LEAD_HISTORY_LIST: KeysetList<Pick<LeadHistoryRow, 'id'>> = {
  name: 'marketing.lead-history',
  keys: [{ column: 'h.id', kind: 'bigint' }],
  direction: 'DESC',
  positionOf: (h) => [BigInt(h.id)],
};

export interface NewTouch {
  leadId: string;
  campaignId: string | null;
  kind: string;
  source: string | null;
  occurredAt: Date;
}

export interface NewHistory {
  leadId: string;
  originLeadId?: string;
  action: LeadHistoryAction;
  actor: string;
  details: Record<string, unknown>;
  at: Date;
}

/**
 * All SQL of leads. The capture path is plain SQL (it runs hundreds of times a second); reads that
 * a data scope limits go through the query builder, which `applyScope` needs.
 */
@Injectable()
export class LeadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Which open lead holds this phone / e-mail, other than `exceptId` (to name it in a 4090). */
  async openHolders(phone: string | null, email: string | null, exceptId: string): Promise<{ phone: string | null; email: string | null }> {
    const [p]: Array<{ id: string }> = phone
      ? await this.dataSource.query('SELECT id FROM `lead` WHERE open_phone = ? AND id <> ?', [phone, exceptId])
      : [];
    const [e]: Array<{ id: string }> = email
      ? await this.dataSource.query('SELECT id FROM `lead` WHERE open_email = ? AND id <> ?', [email, exceptId])
      : [];
    return { phone: p?.id ?? null, email: e?.id ?? null };
  }

  async insert(m: EntityManager, l: LeadEntity): Promise<void> {
    await this.insertMany(m, [l]);
  }

  /** New leads, one multi-row INSERT (a group commit's captures). */
  async insertMany(m: EntityManager, leads: readonly LeadEntity[]): Promise<void> {
    if (!leads.length) return;
    await m.query(
      `INSERT INTO \`lead\` (id, name, company, phone_norm, email_norm, industry_code, region_code, segment, company_size, source, campaign_id,
         attributes, status, status_reason, score, score_reasons, owner_id, touches, last_touch_at, version, created_by, updated_by, created_at, updated_at)
       VALUES ${leads.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      leads.flatMap((l) => [
        l.id,
        l.name,
        l.company,
        l.phoneNorm,
        l.emailNorm,
        l.industryCode,
        l.regionCode,
        l.segment,
        l.companySize,
        l.source,
        l.campaignId,
        l.attributes === null ? null : JSON.stringify(l.attributes),
        l.status,
        l.statusReason,
        l.score,
        JSON.stringify(l.scoreReasons ?? []),
        l.ownerId,
        l.touches,
        l.lastTouchAt,
        l.version,
        l.createdBy,
        l.updatedBy,
        l.createdAt,
        l.updatedAt,
      ]),
    );
  }

  /**
   * The open leads holding any of these phones or e-mails, locked for touches in `m`'s transaction
   * (served by the unique keys on the generated `open_*` columns), whatever their scope.
   */
  async lockOpenByContacts(m: EntityManager, phones: readonly string[], emails: readonly string[]): Promise<LeadEntity[]> {
    const parts: string[] = [];
    const params: string[][] = [];
    for (const [column, values] of [
      ['open_phone', phones],
      ['open_email', emails],
    ] as const) {
      if (!values.length) continue;
      parts.push(`(SELECT * FROM \`lead\` WHERE ${column} IN (?) FOR UPDATE)`);
      params.push([...values]);
    }
    if (!parts.length) return [];
    // UNION (not ALL): a lead holding one of the phones and one of the e-mails comes once.
    const rows: Array<Record<string, any>> = await m.query(parts.join(' UNION '), params);
    return rows.map(fromRow);
  }

  /**
   * The lead if it is within `scope` (null: no scope, for system paths such as a capture's touch);
   * `lock` holds it for a change in `m`'s transaction.
   */
  find(
    id: string,
    scope: ScopeGrant | null | 'unscoped',
    m: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<LeadEntity | null> {
    const base = m.getRepository(LeadEntity).createQueryBuilder('l').where('l.id = :id', { id });
    const qb = scope === 'unscoped' ? base : applyScope(base, 'l', scope, OWNER);
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /**
   * The touched leads' new touch counts and scores, one statement for a batch: a join with the new
   * values as a derived table (an UPDATE per lead was one round trip per duplicate capture).
   */
  async saveTouches(
    m: EntityManager,
    leads: readonly Pick<LeadEntity, 'id' | 'touches' | 'lastTouchAt' | 'score' | 'scoreReasons' | 'updatedAt'>[],
  ): Promise<void> {
    if (!leads.length) return;
    const values = leads
      .map((_, i) =>
        i === 0 ? 'SELECT ? AS id, ? AS touches, ? AS last_touch_at, ? AS score, ? AS reasons, ? AS updated_at' : 'SELECT ?, ?, ?, ?, ?, ?',
      )
      .join(' UNION ALL ');
    await m.query(
      `UPDATE \`lead\` l JOIN (${values}) v ON l.id = v.id
       SET l.touches = v.touches, l.last_touch_at = v.last_touch_at, l.score = v.score, l.score_reasons = v.reasons, l.updated_at = v.updated_at`,
      leads.flatMap((l) => [l.id, l.touches, l.lastTouchAt, l.score, JSON.stringify(l.scoreReasons ?? []), l.updatedAt]),
    );
  }

  /** Several leads locked in id order (so two merges over the same leads cannot deadlock), within `scope`. */
  lockMany(m: EntityManager, ids: string[], scope: ScopeGrant | null): Promise<LeadEntity[]> {
    const qb = m.getRepository(LeadEntity).createQueryBuilder('l').where('l.id IN (:...ids)', { ids }).orderBy('l.id', 'ASC');
    return applyScope(qb, 'l', scope, OWNER).setLock('pessimistic_write').getMany();
  }

  async update(m: EntityManager, id: string, patch: Partial<LeadEntity>): Promise<void> {
    const row: Record<string, unknown> = { ...patch };
    // The query builder would not stringify JSON for an update of a json column on MariaDB consistently: do it here.
    if (patch.attributes !== undefined) row.attributes = patch.attributes === null ? null : JSON.stringify(patch.attributes);
    if (patch.scoreReasons !== undefined) row.scoreReasons = JSON.stringify(patch.scoreReasons ?? []);
    if (patch.conversionError !== undefined)
      row.conversionError = patch.conversionError === null ? null : JSON.stringify(patch.conversionError);
    await m.getRepository(LeadEntity).update({ id }, row as never);
  }

  /** How many touches of each kind and campaign the lead has (what engagement rules count). */
  async touchCounts(m: EntityManager, leadId: string): Promise<TouchCount[]> {
    return (await this.touchCountsOf(m, [leadId])).get(leadId) ?? [];
  }

  /** `touchCounts` of several leads in one query. */
  async touchCountsOf(m: EntityManager, leadIds: readonly string[]): Promise<Map<string, TouchCount[]>> {
    const counts = new Map<string, TouchCount[]>();
    if (!leadIds.length) return counts;
    const rows: Array<{ lead_id: string; kind: string; campaign_id: string | null; n: string | number }> = await m.query(
      'SELECT lead_id, kind, campaign_id, COUNT(*) AS n FROM lead_touch WHERE lead_id IN (?) GROUP BY lead_id, kind, campaign_id',
      [[...leadIds]],
    );
    for (const r of rows)
      counts.set(r.lead_id, [...(counts.get(r.lead_id) ?? []), { kind: r.kind, campaignId: r.campaign_id, count: Number(r.n) }]);
    return counts;
  }

  async insertTouch(m: EntityManager, t: NewTouch): Promise<void> {
    await this.insertTouches(m, [t]);
  }

  async insertTouches(m: EntityManager, touches: readonly NewTouch[]): Promise<void> {
    if (!touches.length) return;
    await m.query(
      `INSERT INTO lead_touch (lead_id, campaign_id, kind, source, occurred_at) VALUES ${touches.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      touches.flatMap((t) => [t.leadId, t.campaignId, t.kind, t.source, t.occurredAt]),
    );
  }

  async insertHistory(m: EntityManager, h: NewHistory): Promise<void> {
    await this.insertHistories(m, [h]);
  }

  /** History rows, one multi-row INSERT; ids follow the given order. */
  async insertHistories(m: EntityManager, rows: readonly NewHistory[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO lead_history (lead_id, origin_lead_id, action, actor, details, at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((h) => [h.leadId, h.originLeadId ?? h.leadId, h.action, h.actor, JSON.stringify(h.details), h.at]),
    );
  }

  /** Moves touches and history of merged leads to the survivor; history keeps the lead it was written for. */
  async moveToSurvivor(m: EntityManager, survivorId: string, duplicateIds: string[]): Promise<{ touches: number; history: number }> {
    const t = await m.query('UPDATE lead_touch SET lead_id = ? WHERE lead_id IN (?)', [survivorId, duplicateIds]);
    const h = await m.query('UPDATE lead_history SET lead_id = ? WHERE lead_id IN (?)', [survivorId, duplicateIds]);
    return { touches: affected(t), history: affected(h) };
  }

  /** One page of `LEAD_LIST` after `position` within `scope` (`limit + 1` rows). */
  list(
    q: ListLeadsDto,
    limit: number,
    position: KeyValue[] | undefined,
    scope: ScopeGrant | null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<LeadEntity[]> {
    const query = new KeysetQuery(LEAD_LIST)
      .equal('l.status', q.status)
      .equal('l.owner_id', q.ownerId)
      .equal('l.source', q.source)
      .equal('l.campaign_id', q.campaignId)
      .after(position);
    if (q.industryCode !== undefined) query.where('l.industry_code LIKE ?', `${q.industryCode}%`);
    if (q.minScore !== undefined) query.where('l.score >= ?', q.minScore);
    return applyScope(query.applyTo(m.getRepository(LeadEntity).createQueryBuilder('l'), limit), 'l', scope, OWNER).getMany();
  }

  history(
    leadId: string,
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<LeadHistoryRow[]> {
    const q = new KeysetQuery(LEAD_HISTORY_LIST)
      .equal('h.lead_id', leadId)
      .after(position?.map((v) => (typeof v === 'bigint' ? v.toString() : v)))
      .page('h.id, h.lead_id, h.origin_lead_id, h.action, h.actor, h.details, h.at', 'lead_history h', limit);
    return m.query(q.sql, q.params);
  }
}

const parsed = <T>(v: unknown): T | null => (v === null || v === undefined ? null : ((typeof v === 'string' ? JSON.parse(v) : v) as T));
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** A `SELECT *` row as the entity (what TypeORM would hydrate). */
function fromRow(r: Record<string, any>): LeadEntity {
  return {
    id: r.id,
    name: r.name,
    company: r.company,
    phoneNorm: r.phone_norm,
    emailNorm: r.email_norm,
    industryCode: r.industry_code,
    regionCode: r.region_code,
    segment: r.segment,
    companySize: r.company_size === null ? null : Number(r.company_size),
    source: r.source,
    campaignId: r.campaign_id,
    attributes: parsed(r.attributes),
    status: r.status,
    statusReason: r.status_reason,
    score: Number(r.score),
    scoreReasons: parsed(r.score_reasons),
    ownerId: r.owner_id,
    mergedIntoId: r.merged_into_id,
    convertedAt: date(r.converted_at),
    accountId: r.account_id,
    contactId: r.contact_id ?? null,
    opportunityId: r.opportunity_id,
    conversionStatus: r.conversion_status ?? null,
    conversionError: parsed(r.conversion_error),
    conversionCallId: r.conversion_call_id ?? null,
    touches: Number(r.touches),
    lastTouchAt: date(r.last_touch_at),
    version: Number(r.version),
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

function affected(result: unknown): number {
  const r = (Array.isArray(result) ? (result[1] ?? result[0]) : result) as { affectedRows?: number } | number | undefined;
  return typeof r === 'number' ? r : (r?.affectedRows ?? 0);
}

export { OPEN as OPEN_STATUSES_SQL };
