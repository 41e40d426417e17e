import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AssetStatus, EntitlementTier, ListAssetsDto, ListEntitlementsDto } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import type { EntitlementPolicyRule } from './entitlement-terms.js';

/** A row of `asset` as read (dates as `YYYY-MM-DD` text, quantity as decimal text). */
export interface AssetRow {
  id: string;
  account_id: string;
  contract_id: string;
  contract_no: string;
  line_no: number;
  product_id: string | null;
  sku: string;
  name: string;
  quantity: string;
  status: AssetStatus;
  starts_on: string;
  ends_on: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface EntitlementRow {
  id: string;
  account_id: string;
  contract_id: string;
  contract_no: string;
  sla_policy_id: string | null;
  tier: EntitlementTier | null;
  valid_from: string;
  valid_to: string | null;
  status: AssetStatus;
  ended_reason: 'terminated' | 'expired' | null;
  contract_version: number;
  created_at: Date;
  updated_at: Date;
}

export type NewAsset = Omit<AssetRow, 'created_at' | 'updated_at'>;
export type NewEntitlement = Omit<EntitlementRow, 'created_at' | 'updated_at'>;

export const ASSET_LIST: KeysetList<Pick<AssetRow, 'created_at' | 'id'>> = {
  name: 'service.assets',
  keys: [
    { column: 'a.created_at', kind: 'time' },
    { column: 'a.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (a) => [a.created_at, a.id],
};

export const ENTITLEMENT_LIST: KeysetList<Pick<EntitlementRow, 'created_at' | 'id'>> = {
  name: 'service.entitlements',
  keys: [
    { column: 'e.created_at', kind: 'time' },
    { column: 'e.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (e) => [e.created_at, e.id],
};

const ASSET_COLUMNS = `a.id, a.account_id, a.contract_id, a.contract_no, a.line_no, a.product_id, a.sku, a.name, a.quantity, a.status,
  DATE_FORMAT(a.starts_on, '%Y-%m-%d') AS starts_on, DATE_FORMAT(a.ends_on, '%Y-%m-%d') AS ends_on, a.created_at, a.updated_at`;
const ENTITLEMENT_COLUMNS = `e.id, e.account_id, e.contract_id, e.contract_no, e.sla_policy_id, e.tier,
  DATE_FORMAT(e.valid_from, '%Y-%m-%d') AS valid_from, DATE_FORMAT(e.valid_to, '%Y-%m-%d') AS valid_to,
  e.status, e.ended_reason, e.contract_version, e.created_at, e.updated_at`;
/** Tier order for "highest first" in SQL; unknown or null tiers sort last. */
const TIER_ORDER = "FIELD(e.tier, 'platinum', 'gold', 'silver', 'standard') = 0, FIELD(e.tier, 'platinum', 'gold', 'silver', 'standard')";

/** All SQL of assets, entitlements and the entitlement policy mapping. Writes take the caller's transaction. */
@Injectable()
export class AssetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async policyRules(m: EntityManager): Promise<EntitlementPolicyRule[]> {
    const rows = (await m.query('SELECT sku_prefix, tier, sla_policy_id FROM entitlement_policy')) as {
      sku_prefix: string;
      tier: EntitlementTier;
      sla_policy_id: string | null;
    }[];
    return rows.map((r) => ({ skuPrefix: r.sku_prefix, tier: r.tier, slaPolicyId: r.sla_policy_id }));
  }

  /** Inserts the contract's entitlement unless one exists (unique contract id); true when this call made it. */
  async insertEntitlement(m: EntityManager, e: NewEntitlement, now: Date): Promise<boolean> {
    const res = (await m.query(
      `INSERT IGNORE INTO entitlement (id, account_id, contract_id, contract_no, sla_policy_id, tier, valid_from, valid_to, status,
         ended_reason, contract_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        e.id,
        e.account_id,
        e.contract_id,
        e.contract_no,
        e.sla_policy_id,
        e.tier,
        e.valid_from,
        e.valid_to,
        e.status,
        e.ended_reason,
        e.contract_version,
        now,
        now,
      ],
    )) as { affectedRows?: number };
    return res.affectedRows === 1;
  }

  /** Inserts the line's asset unless one exists (unique contract id + line no); true when this call made it. */
  async insertAsset(m: EntityManager, a: NewAsset, now: Date): Promise<boolean> {
    const res = (await m.query(
      `INSERT IGNORE INTO asset (id, account_id, contract_id, contract_no, line_no, product_id, sku, name, quantity, status, starts_on,
         ends_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        a.id,
        a.account_id,
        a.contract_id,
        a.contract_no,
        a.line_no,
        a.product_id,
        a.sku,
        a.name,
        a.quantity,
        a.status,
        a.starts_on,
        a.ends_on,
        now,
        now,
      ],
    )) as { affectedRows?: number };
    return res.affectedRows === 1;
  }

  /** The contract's entitlement, locked for the change in `m`'s transaction. */
  async lockEntitlementOfContract(m: EntityManager, contractId: string): Promise<EntitlementRow | null> {
    const rows = (await m.query(`SELECT ${ENTITLEMENT_COLUMNS} FROM entitlement e WHERE e.contract_id = ? FOR UPDATE`, [
      contractId,
    ])) as EntitlementRow[];
    return rows[0] ?? null;
  }

  async endEntitlement(
    m: EntityManager,
    id: string,
    end: { validTo: string | null; reason: 'terminated' | 'expired'; contractVersion: number },
    now: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE entitlement SET status = 'ended', ended_reason = ?, valid_to = ?, contract_version = GREATEST(contract_version, ?), updated_at = ?
       WHERE id = ?`,
      [end.reason, end.validTo, end.contractVersion, now, id],
    );
  }

  /** Ends the contract's active assets; the ids of those it ended. */
  async endAssets(m: EntityManager, contractId: string, endsOn: string | null, now: Date): Promise<string[]> {
    const rows = (await m.query("SELECT id FROM asset WHERE contract_id = ? AND status = 'active' FOR UPDATE", [contractId])) as {
      id: string;
    }[];
    if (rows.length === 0) return [];
    await m.query(
      `UPDATE asset SET status = 'ended', ends_on = CASE WHEN ? IS NULL THEN ends_on WHEN ends_on IS NULL OR ends_on > ? THEN ? ELSE ends_on END,
         updated_at = ? WHERE contract_id = ? AND status = 'active'`,
      [endsOn, endsOn, endsOn, now, contractId],
    );
    return rows.map((r) => r.id);
  }

  async findAsset(id: string, m: EntityManager = this.dataSource.manager): Promise<AssetRow | null> {
    const rows = (await m.query(`SELECT ${ASSET_COLUMNS} FROM asset a WHERE a.id = ?`, [id])) as AssetRow[];
    return rows[0] ?? null;
  }

  async assetsOfContract(m: EntityManager, contractId: string): Promise<AssetRow[]> {
    return (await m.query(`SELECT ${ASSET_COLUMNS} FROM asset a WHERE a.contract_id = ? ORDER BY a.line_no`, [contractId])) as AssetRow[];
  }

  /** One page of `ASSET_LIST` after `position` (`limit + 1` rows). */
  async listAssets(q: ListAssetsDto, limit: number, position: KeyValue[] | undefined, m = this.dataSource.manager): Promise<AssetRow[]> {
    const { sql, params } = new KeysetQuery(ASSET_LIST)
      .equal('a.account_id', q.accountId)
      .equal('a.status', q.status)
      .equal('a.contract_id', q.contractId)
      .after(position)
      .page(ASSET_COLUMNS, 'asset a', limit);
    return (await m.query(sql, params)) as AssetRow[];
  }

  /** One page of `ENTITLEMENT_LIST` after `position` (`limit + 1` rows). */
  async listEntitlements(
    q: ListEntitlementsDto,
    limit: number,
    position: KeyValue[] | undefined,
    m = this.dataSource.manager,
  ): Promise<EntitlementRow[]> {
    const query = new KeysetQuery(ENTITLEMENT_LIST)
      .equal('e.account_id', q.accountId)
      .equal('e.contract_id', q.contractId)
      .equal('e.status', q.status);
    if (q.validOn !== undefined) query.where('e.valid_from <= ? AND (e.valid_to IS NULL OR e.valid_to >= ?)', q.validOn, q.validOn);
    const { sql, params } = query.after(position).page(ENTITLEMENT_COLUMNS, 'entitlement e', limit);
    return (await m.query(sql, params)) as EntitlementRow[];
  }

  /**
   * The entitlement covering the account on `day` (UTC, inclusive bounds): the highest tier, then
   * the one valid longest (open-ended first), then the newest.
   */
  async validEntitlement(m: EntityManager = this.dataSource.manager, accountId: string, day: string): Promise<EntitlementRow | null> {
    const rows = (await m.query(
      `SELECT ${ENTITLEMENT_COLUMNS} FROM entitlement e
       WHERE e.account_id = ? AND e.valid_from <= ? AND (e.valid_to IS NULL OR e.valid_to >= ?)
       ORDER BY ${TIER_ORDER}, e.valid_to IS NULL DESC, e.valid_to DESC, e.created_at DESC, e.id DESC LIMIT 1`,
      [accountId, day, day],
    )) as EntitlementRow[];
    return rows[0] ?? null;
  }
}
