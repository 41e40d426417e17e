import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  OPPORTUNITY_CREATED_V1,
  OPPORTUNITY_LOST_V1,
  OPPORTUNITY_UPDATED_V1,
  OPPORTUNITY_WON_V1,
  type ScopeGrant,
} from '@crm/contracts';
import type { Change, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import { TerritoryPlacement, type Placement } from '../territory/territory-placement.js';
import type { OpportunityEntity } from './opportunity.entity.js';
import type { AccountFacts, OpportunityRepository } from './opportunity.repository.js';
import { OpportunityService } from './opportunity.service.js';
import type { PipelineEntity } from './pipeline.entity.js';
import type { PipelineRepository } from './pipeline.repository.js';
import { PipelineService } from './pipeline.service.js';
import type { StageHistoryEntity } from './stage-history.entity.js';

const ACCOUNT = '0b8f4f0e-0000-4000-8000-0000000000c1';
const OTHER_ACCOUNT = '0b8f4f0e-0000-4000-8000-0000000000c2';
const PIPELINE = '7d6c1f5e-3a2b-4c1d-9e8f-000000000001';
const CAMPAIGN = '0b8f4f0e-0000-4000-8000-0000000000d1';
const RIVAL = '0b8f4f0e-0000-4000-8000-0000000000e1';
const PRODUCT = '0b8f4f0e-0000-4000-8000-0000000000f1';

function pipeline(): PipelineEntity {
  return {
    id: PIPELINE,
    name: 'Standard',
    description: null,
    stages: [
      { key: 'prospecting', label: 'Prospecting', probability: 10, kind: 'open' },
      { key: 'qualification', label: 'Qualification', probability: 20, kind: 'open' },
      { key: 'proposal', label: 'Proposal', probability: 50, kind: 'open' },
      { key: 'negotiation', label: 'Negotiation', probability: 75, kind: 'open' },
      { key: 'closed-won', label: 'Closed won', probability: 100, kind: 'won' },
      { key: 'closed-lost', label: 'Closed lost', probability: 0, kind: 'lost' },
    ],
    channels: [],
    isDefault: true,
    active: true,
    version: 1,
    createdBy: 'system',
    updatedBy: 'system',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  };
}

class FakePipelineRepository {
  readonly rows = new Map<string, PipelineEntity>([[PIPELINE, pipeline()]]);
  constructor(private readonly opportunities: FakeOpportunityRepository) {}
  async find(id: string) {
    const p = this.rows.get(id);
    return p ? structuredClone(p) : null;
  }
  async forChannel() {
    return structuredClone(this.rows.get(PIPELINE)!);
  }
  async update(_m: EntityManager, id: string, patch: Partial<PipelineEntity>) {
    this.rows.set(id, { ...this.rows.get(id)!, ...patch });
    return structuredClone(this.rows.get(id)!);
  }
  async clearDefault() {}
  async countAtStages(_m: EntityManager, pipelineId: string, stages: string[]) {
    const n = new Map<string, number>();
    for (const o of this.opportunities.rows.values())
      if (o.pipelineId === pipelineId && stages.includes(o.stage)) n.set(o.stage, (n.get(o.stage) ?? 0) + 1);
    return n;
  }
}

/** Opportunities in a map, the data scope applied on the owner as `applyScope` does. */
class FakeOpportunityRepository {
  readonly rows = new Map<string, OpportunityEntity>();
  readonly historyRows: Array<Omit<StageHistoryEntity, 'id'>> = [];
  readonly accounts = new Map<string, AccountFacts>([
    [ACCOUNT, { id: ACCOUNT, industryCode: 'I65', regionCode: '440300', segment: 'business', ownerId: 'E100001', territoryId: null }],
    [
      OTHER_ACCOUNT,
      { id: OTHER_ACCOUNT, industryCode: null, regionCode: null, segment: 'business', ownerId: 'E100002', territoryId: null },
    ],
  ]);
  acceptedLines: Array<{ productId: string; amount: string }> = [];
  private clock = Date.parse('2026-11-01T00:00:00Z');

  private visible(owner: string, scope: ScopeGrant | null) {
    if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
    return scope.owners === null || scope.owners.includes(owner);
  }
  async account(_m: EntityManager, id: string, scope: ScopeGrant | null) {
    const a = this.accounts.get(id);
    return a && this.visible(a.ownerId, scope) ? { ...a } : null;
  }
  async insert(_m: EntityManager, row: Omit<OpportunityEntity, 'version' | 'createdAt' | 'updatedAt'>) {
    const at = new Date((this.clock += 1000));
    this.rows.set(row.id, { ...row, version: 1, createdAt: at, updatedAt: at });
    return { ...this.rows.get(row.id)! };
  }
  async find(id: string, scope: ScopeGrant | null) {
    const o = this.rows.get(id);
    return o && this.visible(o.ownerId, scope) ? { ...o } : null;
  }
  async update(_m: EntityManager, id: string, patch: Partial<OpportunityEntity>) {
    this.rows.set(id, { ...this.rows.get(id)!, ...patch, updatedAt: new Date((this.clock += 1000)) });
    return { ...this.rows.get(id)! };
  }
  async addHistory(_m: EntityManager, entry: Omit<StageHistoryEntity, 'id'>) {
    this.historyRows.push(entry);
  }
  async history(_m: EntityManager, id: string) {
    return this.historyRows.filter((h) => h.opportunityId === id).map((h, i) => ({ ...h, id: String(i + 1) }));
  }
  async acceptedQuoteLines() {
    return this.acceptedLines;
  }
}

class FakePlacement extends TerritoryPlacement {
  placement: Placement = { territoryId: null, ownerId: null, ruleId: null };
  place() {
    return Promise.resolve(this.placement);
  }
}

function setup() {
  const repo = new FakeOpportunityRepository();
  const pipelines = new FakePipelineRepository(repo);
  const placement = new FakePlacement();
  const recorded: Change[] = [];
  const changes = { record: async (_m: unknown, _c: unknown, change: Change) => void recorded.push(change) } as unknown as ChangeRecorder;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const cursors = new ListCursorCodec([Buffer.alloc(32, 7)]);
  const service = new OpportunityService(
    dataSource,
    changes,
    repo as unknown as OpportunityRepository,
    pipelines as unknown as PipelineRepository,
    placement,
    cursors,
  );
  const pipelineService = new PipelineService(dataSource, changes, pipelines as unknown as PipelineRepository, cursors);
  return { repo, pipelines, placement, recorded, service, pipelineService };
}

function ctx(employeeId: string, owners: string[] | null): CallContext {
  return {
    caller: 'FRONTEND',
    employeeId,
    requestKey: null,
    requestId: 'rq-1',
    scope: { scope: owners ? 'own' : 'all', owners },
    permissions: [],
  };
}
const rep = ctx('E100001', ['E100001']);
const otherRep = ctx('E100002', ['E100002']);
const manager = ctx('E200001', ['E200001', 'E100001']);
const admin = ctx('E900001', null);

const deal = {
  accountId: ACCOUNT,
  name: '5G 专网',
  amount: '120000.00',
  closeDate: '2027-03-31',
  channel: 'field' as const,
  campaignId: CAMPAIGN,
};

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  return p.then(
    () => 'ok' as const,
    (e: unknown) => (e instanceof CrmError ? e.code : Promise.reject(e)),
  );
}

describe('OpportunityService.create', () => {
  it("starts at the default pipeline's first stage, copies the account's industry, is owned by the acting rep; created event", async () => {
    const { service, recorded, repo } = setup();
    const o = await service.create(deal, rep);
    expect(o).toMatchObject({
      pipelineId: PIPELINE,
      stage: 'prospecting',
      probability: 10,
      status: 'open',
      ownerId: 'E100001',
      industryCode: 'I65',
      amount: '120000.00',
      currency: 'CNY',
      competitorIds: [],
    });
    expect(repo.historyRows).toMatchObject([
      { fromStage: null, toStage: 'prospecting', probability: 10, changedBy: 'E100001', note: 'created' },
    ]);
    expect(recorded).toMatchObject([
      { entity: 'opportunity', action: 'create', event: { pattern: OPPORTUNITY_CREATED_V1, data: { opportunityId: o.opportunityId } } },
    ]);
  });

  it('territory rules place an opportunity that names no owner or territory, and the history names the rule', async () => {
    const { service, placement, repo } = setup();
    placement.placement = { territoryId: '0b8f4f0e-0000-4000-8000-00000000aaaa', ownerId: 'E100001', ruleId: 'rule-7' };
    const o = await service.create(deal, ctx('E300001', null));
    expect(o).toMatchObject({ ownerId: 'E100001', territoryId: '0b8f4f0e-0000-4000-8000-00000000aaaa' });
    expect(repo.historyRows[0]!.note).toBe('created; placed by territory rule rule-7');
  });

  it("an account outside the rep's scope, a won stage, or an owner outside the scope is 4220 naming the field", async () => {
    const { service } = setup();
    await expect(service.create({ ...deal, accountId: OTHER_ACCOUNT }, rep)).rejects.toMatchObject({
      code: 4220,
      details: [{ field: 'accountId' }],
    });
    await expect(service.create({ ...deal, stage: 'closed-won' }, rep)).rejects.toMatchObject({
      code: 4220,
      details: [{ field: 'stage' }],
    });
    await expect(service.create({ ...deal, ownerId: 'E100002' }, rep)).rejects.toMatchObject({
      code: 4220,
      details: [{ field: 'ownerId' }],
    });
  });
});

describe('OpportunityService.update and close', () => {
  it('a stage move sets the probability from the stage and is in the stage history with who and when', async () => {
    const { service, recorded } = setup();
    const o = await service.create(deal, rep);
    const moved = await service.update({ opportunityId: o.opportunityId, version: 1, stage: 'proposal', amount: '150000.00' }, rep);
    expect(moved).toMatchObject({ stage: 'proposal', probability: 50, amount: '150000.00', version: 2 });
    expect(recorded.at(-1)).toMatchObject({
      action: 'update',
      before: { stage: 'prospecting', probability: 10, amount: '120000.00' },
      after: { stage: 'proposal', probability: 50, amount: '150000.00' },
      event: { pattern: OPPORTUNITY_UPDATED_V1, data: { changedFields: ['amount', 'stage', 'probability'] } },
    });
    const detail = await service.get(o.opportunityId, manager);
    expect(detail.stageHistory.map((h) => [h.fromStage, h.toStage, h.probability, h.changedBy])).toEqual([
      [null, 'prospecting', 10, 'E100001'],
      ['prospecting', 'proposal', 50, 'E100001'],
    ]);
    expect(detail.stageHistory[1]!.changedAt).toBe(moved.updatedAt);
  });

  it('a stale version is 4090 and changes nothing; a won stage through update is 4220', async () => {
    const { service, recorded } = setup();
    const o = await service.create(deal, rep);
    await service.update({ opportunityId: o.opportunityId, version: 1, name: 'renamed' }, rep);
    await expect(service.update({ opportunityId: o.opportunityId, version: 1, name: 'again' }, rep)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: expect.stringContaining('stale version'),
    });
    expect(recorded).toHaveLength(2);
    await expect(service.update({ opportunityId: o.opportunityId, version: 2, stage: 'closed-won' }, rep)).rejects.toMatchObject({
      code: 4220,
      details: [{ field: 'stage' }],
    });
  });

  it("another rep's opportunity is 4040 for get, update and close, as if missing; the manager sees it", async () => {
    const { service } = setup();
    const o = await service.create(deal, rep);
    expect(await codeOf(service.get(o.opportunityId, otherRep))).toBe(ErrorCode.NotFound);
    expect(await codeOf(service.update({ opportunityId: o.opportunityId, version: 1, name: 'x' }, otherRep))).toBe(ErrorCode.NotFound);
    expect(await codeOf(service.close({ opportunityId: o.opportunityId, version: 1, outcome: 'won' }, otherRep))).toBe(ErrorCode.NotFound);
    expect(await codeOf(service.get(o.opportunityId, manager))).toBe('ok');
  });

  it('won: the won stage at 100 %, the won event with amount, campaign, competitors and the accepted quote lines; then closed', async () => {
    const { service, repo, recorded } = setup();
    const o = await service.create({ ...deal, competitorIds: [RIVAL] }, rep);
    repo.acceptedLines = [{ productId: PRODUCT, amount: '118000.00' }];
    const won = await service.close({ opportunityId: o.opportunityId, version: 1, outcome: 'won', reason: 'best coverage' }, rep);
    expect(won).toMatchObject({ status: 'won', stage: 'closed-won', probability: 100, closeReason: 'best coverage', version: 2 });
    expect(won.closedAt).not.toBeNull();
    expect(recorded.at(-1)).toMatchObject({
      action: 'win',
      event: {
        pattern: OPPORTUNITY_WON_V1,
        data: {
          amount: '120000.00',
          campaignId: CAMPAIGN,
          competitorIds: [RIVAL],
          reason: 'best coverage',
          competitorId: null,
          lines: [{ productId: PRODUCT, amount: '118000.00' }],
        },
      },
    });
    expect(repo.historyRows.at(-1)).toMatchObject({ fromStage: 'prospecting', toStage: 'closed-won', probability: 100, note: 'won' });
    expect(await codeOf(service.close({ opportunityId: o.opportunityId, version: 2, outcome: 'lost' }, rep))).toBe(ErrorCode.Conflict);
    expect(await codeOf(service.update({ opportunityId: o.opportunityId, version: 2, name: 'x' }, rep))).toBe(ErrorCode.Conflict);
  });

  it('lost to a competitor: 0 %, the competitor joins competitorIds, lost event with lines []', async () => {
    const { service, recorded } = setup();
    const o = await service.create(deal, rep);
    await service.close({ opportunityId: o.opportunityId, version: 1, outcome: 'lost', reason: 'price', competitorId: RIVAL }, rep);
    expect(recorded.at(-1)).toMatchObject({
      action: 'lose',
      event: {
        pattern: OPPORTUNITY_LOST_V1,
        data: { status: 'lost', stage: 'closed-lost', probability: 0, competitorIds: [RIVAL], competitorId: RIVAL, lines: [] },
      },
    });
  });
});

describe('PipelineService.update', () => {
  const stages = pipeline().stages;

  it('refuses removing a stage opportunities stand at (4090 naming how many), allows it once none do', async () => {
    const { service, pipelineService } = setup();
    const a = await service.create({ ...deal, stage: 'qualification' }, rep);
    await service.create({ ...deal, stage: 'qualification' }, rep);
    const without = stages.filter((s) => s.key !== 'qualification');
    await expect(pipelineService.update({ pipelineId: PIPELINE, version: 1, stages: without }, admin)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: expect.stringContaining('2 opportunities stand at qualification'),
    });
    await service.update({ opportunityId: a.opportunityId, version: 1, stage: 'proposal' }, rep);
    await expect(pipelineService.update({ pipelineId: PIPELINE, version: 1, stages: without }, admin)).rejects.toMatchObject({
      message: expect.stringContaining('1 opportunity stands at qualification'),
    });
  });

  it('needs exactly one won and one lost stage, and the current version', async () => {
    const { pipelineService, recorded } = setup();
    const twoWon = stages.map((s) => (s.key === 'negotiation' ? { ...s, kind: 'won' as const } : s));
    await expect(pipelineService.update({ pipelineId: PIPELINE, version: 1, stages: twoWon }, admin)).rejects.toMatchObject({
      code: 4220,
      details: [{ field: 'stages', reasons: ['a pipeline has exactly one won stage (found 2)'] }],
    });
    await expect(pipelineService.update({ pipelineId: PIPELINE, version: 3, name: 'x' }, admin)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });
    const relabelled = stages.map((s) => (s.key === 'proposal' ? { ...s, label: '方案报价', probability: 40 } : s));
    const p = await pipelineService.update({ pipelineId: PIPELINE, version: 1, stages: relabelled }, admin);
    expect(p.stages[2]).toEqual({ key: 'proposal', label: '方案报价', probability: 40, kind: 'open' });
    expect(p.version).toBe(2);
    expect(recorded.at(-1)).toMatchObject({ entity: 'pipeline', action: 'update', event: { data: { changedFields: ['stages'] } } });
  });
});
