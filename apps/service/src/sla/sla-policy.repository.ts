import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SlaPriority } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { json } from './calendar.repository.js';

export type PolicyTargets = Record<SlaPriority, { response: string; resolution: string }>;

/** An SLA policy as stored: `sla_policy` plus its `sla_policy_tier` rows. */
export interface SlaPolicyRow {
  id: string;
  name: string;
  isDefault: boolean;
  tiers: string[];
  calendarId: string;
  warningPercent: number | null;
  targets: PolicyTargets;
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface RawPolicy {
  id: string;
  name: string;
  default_flag: number | null;
  calendar_id: string;
  warning_percent: number | null;
  targets: string | object;
  version: number;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

export const SLA_POLICY_LIST: KeysetList<Pick<SlaPolicyRow, 'createdAt' | 'id'>> = {
  name: 'service.sla-policies',
  keys: [
    { column: 'p.created_at', kind: 'time' },
    { column: 'p.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (p) => [p.createdAt, p.id],
};

const COLUMNS =
  'p.id, p.name, p.default_flag, p.calendar_id, p.warning_percent, p.targets, p.version, p.created_by, p.updated_by, p.created_at, p.updated_at';

type PolicyFields = Pick<SlaPolicyRow, 'name' | 'isDefault' | 'tiers' | 'calendarId' | 'warningPercent' | 'targets'>;

/** All SQL of SLA policies (configuration: no data scope). */
@Injectable()
export class SlaPolicyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, p: PolicyFields & { id: string; createdBy: string }): Promise<SlaPolicyRow> {
    if (p.isDefault) await this.clearDefault(m);
    await m.query(
      'INSERT INTO sla_policy (id, name, default_flag, calendar_id, warning_percent, targets, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [p.id, p.name, p.isDefault ? 1 : null, p.calendarId, p.warningPercent, JSON.stringify(p.targets), p.createdBy, p.createdBy],
    );
    await this.writeTiers(m, p.id, p.tiers);
    return (await this.find(p.id, m))!;
  }

  async update(m: EntityManager, id: string, p: PolicyFields & { version: number; updatedBy: string }): Promise<SlaPolicyRow> {
    if (p.isDefault) await this.clearDefault(m, id);
    await m.query(
      'UPDATE sla_policy SET name = ?, default_flag = ?, calendar_id = ?, warning_percent = ?, targets = ?, version = ?, updated_by = ? WHERE id = ?',
      [p.name, p.isDefault ? 1 : null, p.calendarId, p.warningPercent, JSON.stringify(p.targets), p.version, p.updatedBy, id],
    );
    await m.query('DELETE FROM sla_policy_tier WHERE policy_id = ?', [id]);
    await this.writeTiers(m, id, p.tiers);
    return (await this.find(id, m))!;
  }

  /** The policy, `lock` holding its row for an update in `m`'s transaction. */
  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<SlaPolicyRow | null> {
    const rows: RawPolicy[] = await m.query(`SELECT ${COLUMNS} FROM sla_policy p WHERE p.id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return (await this.withTiers(m, rows))[0] ?? null;
  }

  /** Every policy with its tiers: the reference a clock start chooses from (kept per process by its stamp). */
  async all(m: EntityManager): Promise<SlaPolicyRow[]> {
    return this.withTiers(m, await m.query(`SELECT ${COLUMNS} FROM sla_policy p ORDER BY p.id`));
  }

  /** Which policy holds each of these tiers (to name the holder in a 4090). */
  async tierHolders(m: EntityManager, tiers: readonly string[]): Promise<Array<{ tier: string; policyId: string }>> {
    if (!tiers.length) return [];
    const rows: Array<{ tier: string; policy_id: string }> = await m.query(
      'SELECT tier, policy_id FROM sla_policy_tier WHERE tier IN (?)',
      [tiers],
    );
    return rows.map((r) => ({ tier: r.tier, policyId: r.policy_id }));
  }

  async list(limit: number, position: KeyValue[] | undefined, m: EntityManager = this.dataSource.manager): Promise<SlaPolicyRow[]> {
    const { sql, params } = new KeysetQuery(SLA_POLICY_LIST).after(position).page(COLUMNS, 'sla_policy p', limit);
    return this.withTiers(m, await m.query(sql, params));
  }

  private async clearDefault(m: EntityManager, except?: string): Promise<void> {
    await m.query('UPDATE sla_policy SET default_flag = NULL, version = version + 1 WHERE default_flag = 1 AND id <> ?', [except ?? '']);
  }

  private async writeTiers(m: EntityManager, id: string, tiers: readonly string[]): Promise<void> {
    if (tiers.length) await m.query('INSERT INTO sla_policy_tier (tier, policy_id) VALUES ?', [tiers.map((t) => [t, id])]);
  }

  private async withTiers(m: EntityManager, rows: RawPolicy[]): Promise<SlaPolicyRow[]> {
    if (!rows.length) return [];
    const tiers: Array<{ tier: string; policy_id: string }> = await m.query(
      'SELECT tier, policy_id FROM sla_policy_tier WHERE policy_id IN (?) ORDER BY tier',
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      isDefault: r.default_flag === 1 || (r.default_flag as unknown) === '1',
      tiers: tiers.filter((t) => t.policy_id === r.id).map((t) => t.tier),
      calendarId: r.calendar_id,
      warningPercent: r.warning_percent === null ? null : Number(r.warning_percent),
      targets: json(r.targets),
      version: Number(r.version),
      createdBy: r.created_by,
      updatedBy: r.updated_by,
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
    }));
  }
}
