import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CAMPAIGN_STATUS_CHANGED_V1, CAMPAIGN_UPDATED_V1, CrmError, ErrorCode, type ScopeGrant } from '@crm/contracts';
import type { Change, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import { NO_FIGURES, type RawFigures } from './campaign-figures.js';
import type { CampaignMemberService } from './campaign-member.service.js';
import type { CampaignEntity } from './campaign.entity.js';
import type { CampaignRepository } from './campaign.repository.js';
import { CampaignService } from './campaign.service.js';

/** The repository's contract without SQL: rows in a map, the data scope applied as `applyScope` does. */
class FakeCampaignRepository {
  readonly rows = new Map<string, CampaignEntity>();
  figuresOf: RawFigures = NO_FIGURES;

  async find(id: string, scope: ScopeGrant | null): Promise<CampaignEntity | null> {
    if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
    const row = this.rows.get(id);
    return row && (scope.owners === null || scope.owners.includes(row.ownerId)) ? { ...row } : null;
  }

  async parentOf(_m: EntityManager, id: string) {
    const row = this.rows.get(id);
    return row ? { id, parentId: row.parentId } : null;
  }

  async update(_m: EntityManager, id: string, patch: Partial<CampaignEntity>): Promise<CampaignEntity> {
    const row = { ...this.rows.get(id)!, ...patch };
    this.rows.set(id, row);
    return { ...row };
  }

  async figures(_m: EntityManager, campaigns: Array<{ id: string }>) {
    return new Map(campaigns.map((c) => [c.id, this.figuresOf]));
  }
}

const id = (n: number) => `0b8f4f0e-0000-4000-8000-00000000000${n}`;

function campaign(n: number, over: Partial<CampaignEntity> = {}): CampaignEntity {
  return {
    id: id(n),
    name: `Campaign ${n}`,
    type: 'email',
    parentId: null,
    status: 'planned',
    startDate: '2026-11-01',
    endDate: '2026-11-30',
    budget: '10000.00',
    expectedRevenue: '40000.00',
    currency: 'CNY',
    strategy: null,
    variant: null,
    segmentCriteria: null,
    description: null,
    ownerId: 'E100001',
    version: 1,
    createdBy: 'E100001',
    updatedBy: 'E100001',
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    ...over,
  };
}

function setup(...rows: CampaignEntity[]) {
  const repo = new FakeCampaignRepository();
  for (const r of rows) repo.rows.set(r.id, r);
  const recorded: Change[] = [];
  const changes = {
    record: async (_m: EntityManager | null, _c: unknown, change: Change) => void recorded.push(change),
  } as unknown as ChangeRecorder;
  const evaluated: string[] = [];
  const members = {
    evaluate: async (_m: EntityManager, c: CampaignEntity) => (evaluated.push(c.id), { campaignId: c.id, added: 3, removed: 0, total: 3 }),
  } as unknown as CampaignMemberService;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const service = new CampaignService(
    dataSource,
    changes,
    repo as unknown as CampaignRepository,
    members,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
  );
  return { repo, recorded, evaluated, service };
}

const ctx = (owners: string[] | null = null): CallContext => ({
  caller: 'FRONTEND',
  employeeId: 'E100001',
  requestKey: null,
  requestId: 'rq-1',
  scope: { scope: owners ? 'own' : 'all', owners },
  permissions: ['campaign.write'],
});

async function errorOf(p: Promise<unknown>): Promise<CrmError | undefined> {
  return p.then(
    () => undefined,
    (e: unknown) => (e instanceof CrmError ? e : undefined),
  );
}

describe('CampaignService.update', () => {
  it('refuses to put a campaign under its own descendant (4220 on parentId) and changes nothing', async () => {
    // 1 ← 2 ← 3: moving 1 under 3 would close a loop.
    const { service, repo, recorded } = setup(campaign(1), campaign(2, { parentId: id(1) }), campaign(3, { parentId: id(2) }));
    const e = await errorOf(service.update({ campaignId: id(1), version: 1, parentId: id(3) }, ctx()));
    expect(e?.code).toBe(ErrorCode.ValidationFailed);
    expect(e?.details).toEqual([{ field: 'parentId', reasons: ['a campaign cannot be placed under one of its own descendants'] }]);
    expect((await errorOf(service.update({ campaignId: id(1), version: 1, parentId: id(1) }, ctx())))?.details?.[0]?.field).toBe(
      'parentId',
    );
    expect(repo.rows.get(id(1))!.parentId).toBeNull();
    expect(recorded).toHaveLength(0);
  });

  it('answers 4090 for a stale version or a closed campaign, 4040 outside the scope', async () => {
    const { service } = setup(campaign(1, { version: 3 }), campaign(2, { status: 'completed' }), campaign(3, { ownerId: 'E100009' }));
    expect((await errorOf(service.update({ campaignId: id(1), version: 2, name: 'x' }, ctx())))?.code).toBe(ErrorCode.Conflict);
    expect((await errorOf(service.update({ campaignId: id(2), version: 1, name: 'x' }, ctx())))?.code).toBe(ErrorCode.Conflict);
    expect((await errorOf(service.update({ campaignId: id(3), version: 1, name: 'x' }, ctx(['E100001']))))?.code).toBe(ErrorCode.NotFound);
  });

  it('checks end ≥ start against the stored date when only one is given', async () => {
    const { service } = setup(campaign(1));
    const e = await errorOf(service.update({ campaignId: id(1), version: 1, endDate: '2026-10-31' }, ctx()));
    expect(e?.details).toEqual([{ field: 'endDate', reasons: ['endDate must be on or after startDate'] }]);
  });

  it('records what changed and publishes the update with the changed fields; an equal value is no change', async () => {
    const { service, recorded } = setup(campaign(1));
    const view = await service.update(
      { campaignId: id(1), version: 1, budget: '12000.00', expectedRevenue: '40000.00', strategy: 'spring' },
      ctx(),
    );
    expect(view).toMatchObject({ version: 2, budget: '12000.00', strategy: 'spring', actualCost: '0.00', roi: null });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      entity: 'campaign',
      action: 'update',
      before: { budget: '10000.00', strategy: null },
      after: { budget: '12000.00', strategy: 'spring' },
      event: { pattern: CAMPAIGN_UPDATED_V1, data: { campaignId: id(1), version: 2, changedFields: ['budget', 'strategy'] } },
    });
    const again = await service.update({ campaignId: id(1), version: 2, budget: '12000.00' }, ctx());
    expect(again.version).toBe(2);
    expect(recorded).toHaveLength(1);
  });

  it('refuses an empty segment with 4220 on segment.criteria', async () => {
    const { service } = setup(campaign(1));
    const e = await errorOf(service.update({ campaignId: id(1), version: 1, segment: { criteria: { industryCodes: [] } } }, ctx()));
    expect(e?.details?.[0]?.field).toBe('segment.criteria');
  });
});

describe('CampaignService.transition', () => {
  it('moves planned → active, evaluating the segment, and records the status change', async () => {
    const { service, recorded, evaluated } = setup(campaign(1, { segmentCriteria: { regionPrefixes: ['4403'] } }));
    const view = await service.transition({ campaignId: id(1), version: 1, status: 'active' }, ctx());
    expect(view).toMatchObject({ status: 'active', version: 2 });
    expect(evaluated).toEqual([id(1)]);
    expect(recorded[0]).toMatchObject({
      action: 'transition',
      before: { status: 'planned' },
      after: { status: 'active', membersAdded: 3 },
      event: { pattern: CAMPAIGN_STATUS_CHANGED_V1, data: { from: 'planned', to: 'active', version: 2 } },
    });
  });

  it('refuses moves outside planned → active → completed/aborted with 4090', async () => {
    const { service, evaluated } = setup(campaign(1), campaign(2, { status: 'completed' }));
    expect((await errorOf(service.transition({ campaignId: id(1), version: 1, status: 'completed' }, ctx())))?.code).toBe(
      ErrorCode.Conflict,
    );
    expect((await errorOf(service.transition({ campaignId: id(2), version: 1, status: 'active' }, ctx())))?.code).toBe(ErrorCode.Conflict);
    expect((await errorOf(service.transition({ campaignId: id(1), version: 1, status: 'planned' }, ctx())))?.code).toBe(ErrorCode.Conflict);
    // Without a segment there is nothing to evaluate.
    await service.transition({ campaignId: id(1), version: 1, status: 'aborted' }, ctx());
    expect(evaluated).toEqual([]);
  });
});

describe('CampaignService.get', () => {
  it('shows the figures: cost, revenue once per opportunity and ROI', async () => {
    const { service, repo } = setup(campaign(1));
    repo.figuresOf = { cost: '8000.00', revenue: '50000.00', leads: 4, convertedLeads: 1, wonOpportunities: 1 };
    expect(await service.get({ campaignId: id(1) }, ctx())).toMatchObject({
      actualCost: '8000.00',
      actualRevenue: '50000.00',
      leads: 4,
      convertedLeads: 1,
      wonOpportunities: 1,
      roi: '5.2500',
    });
  });
});
