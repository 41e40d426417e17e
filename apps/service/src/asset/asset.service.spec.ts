import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { CrmError, ErrorCode, type ContractEventDto } from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { AssetRepository, AssetRow, EntitlementRow, NewAsset, NewEntitlement } from './asset.repository.js';
import { AssetService } from './asset.service.js';
import type { EntitlementPolicyRule } from './entitlement-terms.js';

/** The repository without SQL: rows in arrays, unique keys as the database enforces them. */
class FakeAssetRepository {
  readonly entitlements: EntitlementRow[] = [];
  readonly assets: AssetRow[] = [];
  rules: EntitlementPolicyRule[] = [{ skuPrefix: 'SUP-PREM', tier: 'gold', slaPolicyId: null }];

  async policyRules(): Promise<EntitlementPolicyRule[]> {
    return this.rules;
  }
  async insertEntitlement(_m: EntityManager, e: NewEntitlement, now: Date): Promise<boolean> {
    if (this.entitlements.some((x) => x.contract_id === e.contract_id)) return false;
    this.entitlements.push({ ...e, created_at: now, updated_at: now });
    return true;
  }
  async insertAsset(_m: EntityManager, a: NewAsset, now: Date): Promise<boolean> {
    if (this.assets.some((x) => x.contract_id === a.contract_id && x.line_no === a.line_no)) return false;
    this.assets.push({ ...a, created_at: now, updated_at: now });
    return true;
  }
  async lockEntitlementOfContract(_m: EntityManager, contractId: string): Promise<EntitlementRow | null> {
    const e = this.entitlements.find((x) => x.contract_id === contractId);
    return e ? { ...e } : null;
  }
  async endEntitlement(_m: EntityManager, id: string, end: { validTo: string | null; reason: 'terminated' | 'expired' }): Promise<void> {
    Object.assign(
      this.entitlements.find((x) => x.id === id)!,
      { status: 'ended', ended_reason: end.reason, valid_to: end.validTo },
    );
  }
  async endAssets(_m: EntityManager, contractId: string, endsOn: string | null): Promise<string[]> {
    const ended = this.assets.filter((a) => a.contract_id === contractId && a.status === 'active');
    ended.forEach((a) => Object.assign(a, { status: 'ended', ends_on: endsOn ?? a.ends_on }));
    return ended.map((a) => a.id);
  }
  async findAsset(id: string): Promise<AssetRow | null> {
    return this.assets.find((a) => a.id === id) ?? null;
  }
  async validEntitlement(_m: EntityManager | undefined, accountId: string, day: string): Promise<EntitlementRow | null> {
    const rank = (t: string | null) => ['standard', 'silver', 'gold', 'platinum'].indexOf(t ?? '');
    return (
      this.entitlements
        .filter((e) => e.account_id === accountId && e.valid_from <= day && (e.valid_to === null || e.valid_to >= day))
        .sort((a, b) => rank(b.tier) - rank(a.tier))[0] ?? null
    );
  }
}

const ACCOUNT = '0b0c1f9e-8d7a-4c55-9d0e-1a2b3c4d5e6f';
const OTHER = '7d3e5c1a-2b4f-4e6d-8a9b-0c1d2e3f4a5b';
const CONTRACT = '5f1e2d3c-4b5a-4968-8776-655443322110';
const m = {} as EntityManager;
const agent: CallContext = {
  caller: 'FRONTEND',
  employeeId: 'E100001',
  requestKey: null,
  requestId: null,
  scope: { scope: 'own', owners: ['E100001'] },
  permissions: ['asset.read'],
};

function contract(o: Partial<ContractEventDto> = {}): ContractEventDto {
  return {
    contractId: CONTRACT,
    contractNo: 'CT-20261101-AAAA',
    accountId: ACCOUNT,
    status: 'active',
    startDate: '2026-11-01',
    endDate: '2027-10-31',
    activatedAt: '2026-11-01T08:00:00.000Z',
    terminationEffectiveDate: null,
    lines: [
      { lineNo: 1, productId: null, sku: 'BB-1000', name: 'Gigabit broadband', quantity: '1' },
      { lineNo: 2, productId: null, sku: 'SUP-PREM', name: 'Premium support', quantity: '1' },
    ],
    version: 2,
    ...o,
  };
}

function setup() {
  const repo = new FakeAssetRepository();
  const recorded: { ctx: ChangeContext; change: Change }[] = [];
  const changes = {
    record: async (_m: EntityManager | null, ctx: ChangeContext, change: Change) => {
      recorded.push({ ctx, change });
      return {} as never;
    },
  } as unknown as ChangeRecorder;
  const service = new AssetService(changes, repo as unknown as AssetRepository, new ListCursorCodec([Buffer.alloc(32, 7)]));
  const events = () => recorded.flatMap((r) => (r.change.event ? [r.change.event.pattern] : []));
  return { repo, service, recorded, events };
}

describe('AssetService.applyContract', () => {
  it('an activation makes one asset per line and one entitlement (tier from the mapping), recorded by the inbox actor', async () => {
    const { repo, service, recorded, events } = setup();
    await service.applyContract(m, contract(), 'activated');
    expect(repo.assets.map((a) => [a.line_no, a.sku, a.status, a.starts_on, a.ends_on])).toEqual([
      [1, 'BB-1000', 'active', '2026-11-01', '2027-10-31'],
      [2, 'SUP-PREM', 'active', '2026-11-01', '2027-10-31'],
    ]);
    expect(repo.entitlements).toHaveLength(1);
    expect(repo.entitlements[0]).toMatchObject({ tier: 'gold', sla_policy_id: null, valid_from: '2026-11-01', valid_to: '2027-10-31' });
    expect(events()).toEqual(['service.entitlement.granted.v1']);
    expect(recorded.map((r) => r.change.entity)).toEqual(['asset', 'asset', 'entitlement']);
    expect(recorded.every((r) => r.ctx.caller === 'system:asset-inbox' && r.ctx.employeeId === null)).toBe(true);
  });

  it('the same contract again (a re-send under a new eventId) changes nothing and records nothing', async () => {
    const { repo, service, recorded } = setup();
    await service.applyContract(m, contract(), 'activated');
    const n = recorded.length;
    await service.applyContract(m, contract(), 'activated');
    expect(repo.assets).toHaveLength(2);
    expect(repo.entitlements).toHaveLength(1);
    expect(recorded).toHaveLength(n);
  });

  it('a termination ends the entitlement the day before its effective date and the assets, once', async () => {
    const { repo, service, events } = setup();
    await service.applyContract(m, contract(), 'activated');
    const terminated = contract({ status: 'terminated', terminationEffectiveDate: '2027-03-01', version: 3 });
    await service.applyContract(m, terminated, 'terminated');
    await service.applyContract(m, terminated, 'terminated');
    expect(repo.entitlements[0]).toMatchObject({ status: 'ended', ended_reason: 'terminated', valid_to: '2027-02-28' });
    expect(repo.assets.every((a) => a.status === 'ended' && a.ends_on === '2027-02-28')).toBe(true);
    expect(events()).toEqual(['service.entitlement.granted.v1', 'service.entitlement.ended.v1']);
  });

  it('a termination that arrives before the activation still makes the rows, ended; the late activation does not revive them', async () => {
    const { repo, service, events } = setup();
    await service.applyContract(m, contract({ status: 'terminated', terminationEffectiveDate: '2027-01-01', version: 3 }), 'terminated');
    await service.applyContract(m, contract(), 'activated');
    expect(repo.entitlements[0]).toMatchObject({ status: 'ended', valid_to: '2026-12-31' });
    expect(repo.assets.map((a) => a.status)).toEqual(['ended', 'ended']);
    expect(events()).toEqual(['service.entitlement.granted.v1', 'service.entitlement.ended.v1']);
  });

  it('a draft terminated before activation held nothing; an expiry ends without moving validTo', async () => {
    const { repo, service } = setup();
    await service.applyContract(m, contract({ status: 'terminated', activatedAt: null, startDate: null }), 'terminated');
    expect(repo.entitlements).toHaveLength(0);
    await service.applyContract(m, contract(), 'activated');
    await service.applyContract(m, contract({ status: 'expired', version: 3 }), 'expired');
    expect(repo.entitlements[0]).toMatchObject({ status: 'ended', ended_reason: 'expired', valid_to: '2027-10-31' });
  });
});

describe('AssetService reads', () => {
  it('check: entitled within the term (highest tier among several), not before it, not for another account', async () => {
    const { repo, service } = setup();
    await service.applyContract(m, contract(), 'activated');
    await service.applyContract(
      m,
      contract({
        contractId: 'a1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
        lines: [{ lineNo: 1, sku: 'AD-METRO', name: 'Metro screens', quantity: '3' }],
      }),
      'activated',
    );
    const gold = repo.entitlements.find((e) => e.tier === 'gold')!;
    expect(await service.check({ accountId: ACCOUNT, at: '2027-05-01T00:00:00Z' }, agent)).toEqual({
      entitled: true,
      entitlementId: gold.id,
      tier: 'gold',
      slaPolicyId: null,
      validTo: '2027-10-31',
      contractId: CONTRACT,
    });
    expect(await service.check({ accountId: ACCOUNT, at: '2026-10-31T23:59:59Z' }, agent)).toEqual({
      entitled: false,
      reason: 'no active entitlement for this account',
    });
    expect((await service.check({ accountId: OTHER, at: '2027-05-01T00:00:00Z' }, agent)).entitled).toBe(false);
    expect(await service.forAccount(m, ACCOUNT, new Date('2027-10-31T23:00:00Z'))).toEqual({
      entitlementId: gold.id,
      slaPolicyId: null,
      tier: 'gold',
    });
    expect(await service.forAccount(m, ACCOUNT, new Date('2027-11-01T00:00:00Z'))).toBeNull();
  });

  it('get: the asset view; a missing asset is 4040; a call without an employee is refused', async () => {
    const { repo, service } = setup();
    await service.applyContract(m, contract(), 'activated');
    const view = await service.getAsset(repo.assets[0]!.id, agent);
    expect(view).toMatchObject({ accountId: ACCOUNT, contractNo: 'CT-20261101-AAAA', lineNo: 1, sku: 'BB-1000', quantity: '1' });
    const missing = await service.getAsset('00000000-0000-4000-8000-000000000000', agent).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CrmError);
    expect((missing as CrmError).code).toBe(ErrorCode.NotFound);
    const system = await service.getAsset(repo.assets[0]!.id, { ...agent, employeeId: null, scope: null }).catch((e: unknown) => e);
    expect((system as CrmError).code).toBe(ErrorCode.ActorInvalid);
  });
});
