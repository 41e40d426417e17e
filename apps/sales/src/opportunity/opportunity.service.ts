import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  DEFAULT_CURRENCY,
  ErrorCode,
  formatMoney,
  money,
  OPPORTUNITY_CREATED_V1,
  OPPORTUNITY_LOST_V1,
  OPPORTUNITY_UPDATED_V1,
  OPPORTUNITY_WON_V1,
  type CloseOpportunityDto,
  type CreateOpportunityDto,
  type ListOpportunitiesDto,
  type OpportunityDetail,
  type OpportunityPage,
  type OpportunityView,
  type ScopeGrant,
  type UpdateOpportunityDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { TerritoryPlacement } from '../territory/territory-placement.js';
import type { OpportunityEntity } from './opportunity.entity.js';
import { toOpportunityView, toStageHistoryEntry } from './opportunity.mapper.js';
import { OPPORTUNITY_LIST, OpportunityRepository } from './opportunity.repository.js';
import { firstOpenStage, stageOf, terminalStage } from './pipeline-rules.js';
import type { PipelineEntity } from './pipeline.entity.js';
import { PipelineRepository } from './pipeline.repository.js';

/** The fields of an opportunity the operation log shows before → after. */
const LOGGED = [
  'name',
  'amount',
  'currency',
  'closeDate',
  'pipelineId',
  'stage',
  'probability',
  'status',
  'channel',
  'campaignId',
  'partnerId',
  'competitorIds',
  'ownerId',
  'territoryId',
  'closeReason',
  'lostToCompetitorId',
] as const;

const invalid = (field: string, reason: string) => new CrmError(ErrorCode.ValidationFailed, reason, [{ field, reasons: [reason] }]);

/**
 * Opportunities: create on an account in scope, edit while open (every stage move in the stage
 * history with who and when), close as won or lost. Every change records its operation-log entry
 * and its event in its own transaction; every read and write sees only opportunities within the
 * employee's data scope (others are 4040, as if missing); every change names the `version` it read.
 */
@Injectable()
export class OpportunityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(OpportunityRepository) private readonly opportunities: OpportunityRepository,
    @Inject(PipelineRepository) private readonly pipelines: PipelineRepository,
    @Inject(TerritoryPlacement) private readonly placement: TerritoryPlacement,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateOpportunityDto, ctx: CallContext): Promise<OpportunityView> {
    actingEmployee(ctx);
    return this.dataSource.transaction((m) => this.createIn(m, dto, ctx));
  }

  /** Creates the opportunity in `m`'s transaction with its stage history, operation-log entry and event (also the lead conversion's path). */
  async createIn(m: EntityManager, dto: CreateOpportunityDto, ctx: CallContext): Promise<OpportunityView> {
    const employeeId = actingEmployee(ctx);
    const amount = nonNegative('amount', dto.amount);
    if (dto.ownerId !== undefined) ownerInScope(dto.ownerId, ctx.scope);
    const account = await this.opportunities.account(m, dto.accountId, ctx.scope);
    if (!account) throw invalid('accountId', 'no account with this id within your data scope');
    const pipeline = dto.pipelineId ? await this.pipelines.find(dto.pipelineId, m) : await this.pipelines.forChannel(m, dto.channel);
    if (!pipeline || !pipeline.active) throw invalid('pipelineId', 'no active pipeline with this id');
    const stage = dto.stage === undefined ? firstOpenStage(pipeline.stages) : openStage(pipeline, dto.stage);
    // The territory rules place what the payload leaves open; the acting employee owns it otherwise.
    let owner = dto.ownerId;
    let territory = dto.territoryId;
    let note = 'created';
    if (owner === undefined || territory === undefined) {
      const placed = await this.placement.place(m, {
        regionCode: account.regionCode,
        industryCode: account.industryCode,
        segment: account.segment,
      });
      owner ??= placed.ownerId ?? employeeId;
      territory ??= placed.territoryId ?? undefined;
      if (placed.ruleId) note = `created; placed by territory rule ${placed.ruleId}`;
    }
    const row = await this.opportunities.insert(m, {
      id: randomUUID(),
      accountId: account.id,
      name: dto.name.trim(),
      amount,
      currency: dto.currency ?? DEFAULT_CURRENCY,
      closeDate: dto.closeDate,
      pipelineId: pipeline.id,
      stage: stage.key,
      probability: stage.probability,
      status: 'open',
      channel: dto.channel,
      campaignId: dto.campaignId ?? null,
      leadId: dto.leadId ?? null,
      partnerId: dto.partnerId ?? null,
      ownerId: owner,
      territoryId: territory ?? null,
      industryCode: account.industryCode ?? null,
      competitorIds: dto.competitorIds ?? [],
      closeReason: null,
      lostToCompetitorId: null,
      closedAt: null,
      createdBy: employeeId,
      updatedBy: employeeId,
    });
    await this.opportunities.addHistory(m, {
      opportunityId: row.id,
      pipelineId: row.pipelineId,
      fromStage: null,
      toStage: row.stage,
      probability: row.probability,
      changedBy: employeeId,
      changedAt: row.createdAt,
      note,
    });
    const created = toOpportunityView(row);
    await this.changes.record(m, ctx, {
      entity: 'opportunity',
      entityId: row.id,
      action: 'create',
      before: null,
      after: { ...logged(row), accountId: row.accountId, leadId: row.leadId, placement: note },
      event: { pattern: OPPORTUNITY_CREATED_V1, data: created },
    });
    return created;
  }

  async update(dto: UpdateOpportunityDto, ctx: CallContext): Promise<OpportunityView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.opportunityId, dto.version, ctx.scope);
      const patch: Partial<OpportunityEntity> = {};
      if (dto.name !== undefined && dto.name.trim() !== before.name) patch.name = dto.name.trim();
      if (dto.amount !== undefined && !money(dto.amount).eq(money(before.amount))) patch.amount = nonNegative('amount', dto.amount);
      if (dto.currency !== undefined && dto.currency !== before.currency) patch.currency = dto.currency;
      if (dto.closeDate !== undefined && dto.closeDate !== before.closeDate) patch.closeDate = dto.closeDate;
      if (dto.channel !== undefined && dto.channel !== before.channel) patch.channel = dto.channel;
      if (dto.campaignId !== undefined && dto.campaignId !== before.campaignId) patch.campaignId = dto.campaignId;
      if (dto.partnerId !== undefined && dto.partnerId !== before.partnerId) patch.partnerId = dto.partnerId;
      if (dto.competitorIds !== undefined && JSON.stringify(dto.competitorIds) !== JSON.stringify(before.competitorIds))
        patch.competitorIds = dto.competitorIds;
      if (dto.ownerId !== undefined && dto.ownerId !== before.ownerId) patch.ownerId = ownerInScope(dto.ownerId, ctx.scope);
      const moved = await this.stageMove(m, before, dto);
      if (moved)
        for (const [k, v] of Object.entries(moved)) if (v !== before[k as keyof typeof moved]) (patch as Record<string, unknown>)[k] = v;
      if (Object.keys(patch).length === 0) return toOpportunityView(before);
      const after = await this.opportunities.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId });
      if (moved) await this.history(m, before, after, employeeId, 'updated');
      const view = toOpportunityView(after);
      await this.changes.record(m, ctx, {
        entity: 'opportunity',
        entityId: after.id,
        action: 'update',
        before: logged(before),
        after: logged(after),
        event: { pattern: OPPORTUNITY_UPDATED_V1, data: { ...view, changedFields: Object.keys(patch) } },
      });
      return view;
    });
  }

  async close(dto: CloseOpportunityDto, ctx: CallContext): Promise<OpportunityView> {
    const employeeId = actingEmployee(ctx);
    if (dto.competitorId !== undefined && dto.outcome !== 'lost')
      throw invalid('competitorId', 'competitorId names whom a lost opportunity went to');
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.opportunityId, dto.version, ctx.scope);
      const pipeline = await this.pipelines.find(before.pipelineId, m);
      if (!pipeline) throw new Error(`pipeline ${before.pipelineId} of opportunity ${before.id} is missing`);
      const stage = terminalStage(pipeline.stages, dto.outcome);
      const competitorIds =
        dto.competitorId && !before.competitorIds.includes(dto.competitorId)
          ? [...before.competitorIds, dto.competitorId]
          : before.competitorIds;
      const after = await this.opportunities.update(m, before.id, {
        status: dto.outcome,
        stage: stage.key,
        probability: stage.probability,
        closedAt: new Date(),
        closeReason: dto.reason ?? null,
        lostToCompetitorId: dto.competitorId ?? null,
        competitorIds,
        version: before.version + 1,
        updatedBy: employeeId,
      });
      await this.history(m, before, after, employeeId, dto.outcome);
      const data = {
        ...toOpportunityView(after),
        reason: dto.reason ?? null,
        competitorId: dto.competitorId ?? null,
        lines: await this.opportunities.acceptedQuoteLines(m, after.id),
      };
      await this.changes.record(m, ctx, {
        entity: 'opportunity',
        entityId: after.id,
        action: dto.outcome === 'won' ? 'win' : 'lose',
        before: logged(before),
        after: logged(after),
        event: dto.outcome === 'won' ? { pattern: OPPORTUNITY_WON_V1, data } : { pattern: OPPORTUNITY_LOST_V1, data },
      });
      return toOpportunityView(after);
    });
  }

  async get(opportunityId: string, ctx: CallContext): Promise<OpportunityDetail> {
    return this.dataSource.transaction(async (m) => {
      const o = await this.opportunities.find(opportunityId, ctx.scope, m);
      if (!o) throw new CrmError(ErrorCode.NotFound, `opportunity ${opportunityId} not found`);
      return { ...toOpportunityView(o), stageHistory: (await this.opportunities.history(m, o.id)).map(toStageHistoryEntry) };
    });
  }

  async list(q: ListOpportunitiesDto, ctx: CallContext): Promise<OpportunityPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(OPPORTUNITY_LIST, q.cursor);
    return toPage(OPPORTUNITY_LIST, this.cursors, await this.opportunities.list(q, limit, position, ctx.scope), limit, toOpportunityView);
  }

  /** The open opportunity at `version`, locked for the change: 4040 outside the scope, 4090 if stale or closed. */
  private async locked(m: EntityManager, id: string, version: number, scope: ScopeGrant | null): Promise<OpportunityEntity> {
    const o = await this.opportunities.find(id, scope, m, true);
    if (!o) throw new CrmError(ErrorCode.NotFound, `opportunity ${id} not found`);
    if (o.version !== version)
      throw new CrmError(ErrorCode.Conflict, `stale version: opportunity ${id} is at version ${o.version}, not ${version}`);
    if (o.status !== 'open')
      throw new CrmError(ErrorCode.Conflict, `opportunity ${id} is ${o.status}: a closed opportunity is not changed`);
    return o;
  }

  /** The pipeline/stage/probability patch an update asks for, or null when it does not move the opportunity. */
  private async stageMove(
    m: EntityManager,
    before: OpportunityEntity,
    dto: UpdateOpportunityDto,
  ): Promise<Pick<OpportunityEntity, 'pipelineId' | 'stage' | 'probability'> | null> {
    const otherPipeline = dto.pipelineId !== undefined && dto.pipelineId !== before.pipelineId;
    if (!otherPipeline && (dto.stage === undefined || dto.stage === before.stage)) return null;
    const pipeline = await this.pipelines.find(otherPipeline ? dto.pipelineId! : before.pipelineId, m);
    if (!pipeline || (otherPipeline && !pipeline.active)) throw invalid('pipelineId', 'no active pipeline with this id');
    const stage = dto.stage === undefined ? firstOpenStage(pipeline.stages) : openStage(pipeline, dto.stage);
    return { pipelineId: pipeline.id, stage: stage.key, probability: stage.probability };
  }

  private history(m: EntityManager, before: OpportunityEntity, after: OpportunityEntity, employeeId: string, note: string): Promise<void> {
    return this.opportunities.addHistory(m, {
      opportunityId: after.id,
      pipelineId: after.pipelineId,
      fromStage: before.stage,
      toStage: after.stage,
      probability: after.probability,
      changedBy: employeeId,
      changedAt: after.updatedAt,
      note,
    });
  }
}

function openStage(pipeline: PipelineEntity, key: string) {
  const stage = stageOf(pipeline.stages, key);
  if (!stage) throw invalid('stage', `pipeline ${pipeline.name} has no stage ${key}`);
  if (stage.kind !== 'open')
    throw invalid('stage', `${key} is a ${stage.kind} stage: close the opportunity with sales.opportunity.close.v1`);
  return stage;
}

/** An owner the caller could see afterwards: within their data scope. */
function ownerInScope(ownerId: string, scope: ScopeGrant | null): string {
  if (scope && scope.owners !== null && !scope.owners.includes(ownerId))
    throw invalid('ownerId', 'the owner must be within your data scope');
  return ownerId;
}

function nonNegative(field: string, value: string): string {
  const v = money(value);
  if (v.isNegative()) throw invalid(field, `${field} must not be negative`);
  return formatMoney(v);
}

function logged(o: OpportunityEntity): Record<string, unknown> {
  return Object.fromEntries(LOGGED.map((f) => [f, f === 'amount' ? formatMoney(money(o.amount)) : o[f]]));
}
