import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CrmError,
  ENTITLEMENT_ENDED_V1,
  ENTITLEMENT_GRANTED_V1,
  ErrorCode,
  NO_ENTITLEMENT_REASON,
  type AssetPage,
  type AssetView,
  type CheckEntitlementDto,
  type ContractEventDto,
  type EntitlementCheck,
  type EntitlementPage,
  type ListAssetsDto,
  type ListEntitlementsDto,
} from '@crm/contracts';
import { ChangeRecorder, type ChangeContext } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { toAssetView, toEntitlementView } from './asset.mapper.js';
import { ASSET_LIST, AssetRepository, ENTITLEMENT_LIST, type EntitlementRow } from './asset.repository.js';
import { dayBefore, entitlementTerms, utcDay } from './entitlement-terms.js';
import type { Entitlement } from './entitlement-lookup.js';

/** Who writes assets: the consumer of sales' contract events, not an employee. */
export const ASSET_INBOX_ACTOR: ChangeContext = { caller: 'system:asset-inbox', employeeId: null, requestId: null };

/** What a contract event asks of its assets and entitlement. */
export type ContractChange = 'activated' | 'terminated' | 'expired';

/**
 * Assets and entitlements from sales contracts, and their reads. Applying an event is idempotent by
 * the contract's natural keys (one entitlement per contract id, one asset per contract id + line
 * number), not only by the inbox's eventId: an activation re-sent under a new eventId, or a
 * termination that arrives before the activation, still yields each row once and each event once.
 * Reads need `asset.read` and an employee; they are not narrowed by owner (accounts have none in
 * service; docs/service/assets-and-recommendations.md).
 */
@Injectable()
export class AssetService {
  constructor(
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(AssetRepository) private readonly assets: AssetRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  /** Applies one contract event in the inbox's transaction `m`. */
  async applyContract(m: EntityManager, c: ContractEventDto, change: ContractChange, now = new Date()): Promise<void> {
    // A draft terminated before it started never held anything.
    if (!c.startDate || (change === 'terminated' && !c.activatedAt)) return;
    // Insert first, then read what is there: a locking read of a missing key would take a gap lock,
    // and two replicas applying the same contract under two eventIds would deadlock on it.
    const entitlement = await this.grant(m, c, now);
    if (change === 'activated' || !entitlement || entitlement.status === 'ended') return;
    const validTo =
      change === 'terminated' && c.terminationEffectiveDate
        ? minDay(entitlement.valid_to, dayBefore(c.terminationEffectiveDate))
        : entitlement.valid_to;
    await this.assets.endEntitlement(m, entitlement.id, { validTo, reason: change, contractVersion: c.version }, now);
    const ended = await this.assets.endAssets(m, c.contractId, validTo, now);
    for (const assetId of ended)
      await this.changes.record(m, ASSET_INBOX_ACTOR, {
        entity: 'asset',
        entityId: assetId,
        action: 'end',
        before: { status: 'active' },
        after: { status: 'ended', endsOn: validTo },
      });
    await this.changes.record(m, ASSET_INBOX_ACTOR, {
      entity: 'entitlement',
      entityId: entitlement.id,
      action: 'end',
      before: { status: entitlement.status, validTo: entitlement.valid_to },
      after: { status: 'ended', validTo, endedReason: change },
      event: {
        pattern: ENTITLEMENT_ENDED_V1,
        data: { entitlementId: entitlement.id, accountId: c.accountId, contractId: c.contractId, reason: change, validTo },
        stream: `entitlement:${c.contractId}`,
      },
    });
  }

  /** Makes the contract's entitlement and assets, or answers the one an earlier delivery made (locked). */
  private async grant(m: EntityManager, c: ContractEventDto, now: Date): Promise<EntitlementRow | null> {
    const terms = entitlementTerms(
      c.lines.map((l) => l.sku),
      await this.assets.policyRules(m),
    );
    const row: Omit<EntitlementRow, 'created_at' | 'updated_at'> = {
      id: randomUUID(),
      account_id: c.accountId,
      contract_id: c.contractId,
      contract_no: c.contractNo,
      sla_policy_id: terms.slaPolicyId,
      tier: terms.tier,
      valid_from: c.startDate!,
      valid_to: c.endDate ?? null,
      status: 'active',
      ended_reason: null,
      contract_version: c.version,
    };
    if (!(await this.assets.insertEntitlement(m, row, now))) return this.assets.lockEntitlementOfContract(m, c.contractId);
    const assetIds: string[] = [];
    for (const l of c.lines) {
      const asset = {
        id: randomUUID(),
        account_id: c.accountId,
        contract_id: c.contractId,
        contract_no: c.contractNo,
        line_no: l.lineNo,
        product_id: l.productId ?? null,
        sku: l.sku,
        name: l.name.trim(),
        quantity: String(l.quantity),
        status: 'active' as const,
        starts_on: c.startDate!,
        ends_on: c.endDate ?? null,
      };
      if (!(await this.assets.insertAsset(m, asset, now))) continue;
      assetIds.push(asset.id);
      await this.changes.record(m, ASSET_INBOX_ACTOR, {
        entity: 'asset',
        entityId: asset.id,
        action: 'create',
        before: null,
        after: {
          accountId: asset.account_id,
          contractId: asset.contract_id,
          lineNo: asset.line_no,
          sku: asset.sku,
          quantity: asset.quantity,
        },
      });
    }
    await this.changes.record(m, ASSET_INBOX_ACTOR, {
      entity: 'entitlement',
      entityId: row.id,
      action: 'grant',
      before: null,
      after: {
        accountId: row.account_id,
        contractId: row.contract_id,
        tier: row.tier,
        slaPolicyId: row.sla_policy_id,
        validFrom: row.valid_from,
        validTo: row.valid_to,
      },
      event: {
        pattern: ENTITLEMENT_GRANTED_V1,
        data: {
          entitlementId: row.id,
          accountId: row.account_id,
          contractId: row.contract_id,
          contractNo: row.contract_no,
          tier: terms.tier,
          slaPolicyId: row.sla_policy_id,
          validFrom: row.valid_from,
          validTo: row.valid_to,
          assetIds,
        },
        stream: `entitlement:${c.contractId}`,
      },
    });
    return { ...row, created_at: now, updated_at: now };
  }

  async getAsset(assetId: string, ctx: CallContext): Promise<AssetView> {
    actingEmployee(ctx);
    const a = await this.assets.findAsset(assetId);
    if (!a) throw new CrmError(ErrorCode.NotFound, `asset ${assetId} not found`);
    return toAssetView(a);
  }

  async listAssets(q: ListAssetsDto, ctx: CallContext): Promise<AssetPage> {
    actingEmployee(ctx);
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(ASSET_LIST, q.cursor);
    return toPage(ASSET_LIST, this.cursors, await this.assets.listAssets(q, limit, position), limit, toAssetView);
  }

  async listEntitlements(q: ListEntitlementsDto, ctx: CallContext): Promise<EntitlementPage> {
    actingEmployee(ctx);
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(ENTITLEMENT_LIST, q.cursor);
    return toPage(ENTITLEMENT_LIST, this.cursors, await this.assets.listEntitlements(q, limit, position), limit, toEntitlementView);
  }

  async check(q: CheckEntitlementDto, ctx: CallContext, now = new Date()): Promise<EntitlementCheck> {
    actingEmployee(ctx);
    const e = await this.assets.validEntitlement(undefined, q.accountId, utcDay(q.at === undefined ? now : new Date(q.at)));
    if (!e) return { entitled: false, reason: NO_ENTITLEMENT_REASON };
    return {
      entitled: true,
      entitlementId: e.id,
      tier: e.tier,
      slaPolicyId: e.sla_policy_id,
      validTo: e.valid_to,
      contractId: e.contract_id,
    };
  }

  /** `EntitlementLookup`'s answer, in the caller's transaction (the SLA clock's, at case open). */
  async forAccount(m: EntityManager, accountId: string, at: Date): Promise<Entitlement | null> {
    const e = await this.assets.validEntitlement(m, accountId, utcDay(at));
    return e ? { entitlementId: e.id, slaPolicyId: e.sla_policy_id, tier: e.tier } : null;
  }
}

/** The earlier of two days; null (open-ended) is later than any day. */
function minDay(a: string | null, b: string): string {
  return a === null || b < a ? b : a;
}
