import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CAMPAIGN_CREATED_V1,
  CAMPAIGN_STATUS_CHANGED_V1,
  CAMPAIGN_TRANSITIONS,
  CAMPAIGN_UPDATED_V1,
  CrmError,
  DEFAULT_CURRENCY,
  ErrorCode,
  formatMoney,
  money,
  type CampaignPage,
  type CampaignView,
  type CreateCampaignDto,
  type GetCampaignDto,
  type ListCampaignsDto,
  type SegmentCriteria,
  type TransitionCampaignDto,
  type UpdateCampaignDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, retryOnDeadlock, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { addFigures, NO_FIGURES, toFigures } from './campaign-figures.js';
import { CampaignMemberService } from './campaign-member.service.js';
import type { CampaignEntity } from './campaign.entity.js';
import { invalid, toCampaignEventData, toCampaignView } from './campaign.mapper.js';
import { CAMPAIGN_LIST, CampaignRepository, MAX_CAMPAIGN_DEPTH } from './campaign.repository.js';
import { hasCriteria, normaliseCriteria } from './segment-query.js';

/** The fields an update may change, as the entity names them. */
const EDITABLE = [
  'name',
  'type',
  'parentId',
  'startDate',
  'endDate',
  'budget',
  'expectedRevenue',
  'strategy',
  'variant',
  'segmentCriteria',
  'description',
  'ownerId',
] as const;
type Editable = (typeof EDITABLE)[number];

/** A campaign's own fields without its version, for operation-log diffs. */
function logged(c: CampaignEntity): Record<string, unknown> {
  const { version: _v, ...fields } = toCampaignEventData(c);
  return { ...fields, description: c.description };
}

/** The criteria a segment payload stores: normalised, and not empty (4220 on `segment.criteria`). */
export function segmentOf(segment: { criteria: SegmentCriteria } | null | undefined): SegmentCriteria | null | undefined {
  if (segment === undefined || segment === null) return segment;
  const criteria = normaliseCriteria(segment.criteria);
  if (!hasCriteria(criteria))
    throw invalid('segment.criteria', 'a segment needs at least one of industryCodes, regionPrefixes, segments, minScore, leadStatuses');
  return criteria;
}

/** 4090 unless the campaign is at the version the caller read. */
export function checkVersion(entity: string, id: string, current: number, read: number): void {
  if (current !== read) throw new CrmError(ErrorCode.Conflict, `${entity} ${id} is at version ${current}, not ${read}: read it again`);
}

/**
 * Campaigns (SPEC §6.1): create, update, read with figures, and the status flow. Each change
 * records its operation-log entry and its event in its own transaction; every read and write sees
 * only campaigns in the employee's data scope (others are 4040, as if missing).
 */
@Injectable()
export class CampaignService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(CampaignMemberService) private readonly members: CampaignMemberService,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateCampaignDto, ctx: CallContext): Promise<CampaignView> {
    const employeeId = actingEmployee(ctx);
    const segmentCriteria = segmentOf(dto.segment) ?? null;
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        if (dto.parentId) await this.checkParent(m, null, dto.parentId, ctx);
        const created = await this.campaigns.insert(m, {
          id: randomUUID(),
          name: dto.name.trim(),
          type: dto.type,
          parentId: dto.parentId ?? null,
          status: 'planned',
          startDate: dto.startDate,
          endDate: dto.endDate,
          budget: dto.budget,
          expectedRevenue: dto.expectedRevenue,
          currency: dto.currency ?? DEFAULT_CURRENCY,
          strategy: dto.strategy ?? null,
          variant: dto.variant ?? null,
          segmentCriteria,
          description: dto.description ?? null,
          ownerId: dto.ownerId ?? employeeId,
          createdBy: employeeId,
          updatedBy: employeeId,
        });
        await this.changes.record(m, ctx, {
          entity: 'campaign',
          entityId: created.id,
          action: 'create',
          before: null,
          after: logged(created),
          event: { pattern: CAMPAIGN_CREATED_V1, data: toCampaignEventData(created) },
        });
        return toCampaignView(created, toFigures(NO_FIGURES));
      }),
    );
  }

  async update(dto: UpdateCampaignDto, ctx: CallContext): Promise<CampaignView> {
    const employeeId = actingEmployee(ctx);
    const segmentCriteria = segmentOf(dto.segment);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const before = await this.campaigns.find(dto.campaignId, ctx.scope, m, true);
        if (!before) throw new CrmError(ErrorCode.NotFound, `campaign ${dto.campaignId} not found`);
        checkVersion('campaign', before.id, before.version, dto.version);
        if (before.status === 'completed' || before.status === 'aborted')
          throw new CrmError(ErrorCode.Conflict, `campaign ${before.id} is ${before.status}: it cannot change any more`);
        const wanted: Partial<Record<Editable, unknown>> = {
          name: dto.name?.trim(),
          type: dto.type,
          parentId: dto.parentId,
          startDate: dto.startDate,
          endDate: dto.endDate,
          budget: dto.budget,
          expectedRevenue: dto.expectedRevenue,
          strategy: dto.strategy,
          variant: dto.variant,
          segmentCriteria,
          description: dto.description,
          ownerId: dto.ownerId,
        };
        const patch: Partial<CampaignEntity> = {};
        for (const f of EDITABLE)
          if (wanted[f] !== undefined && !same(f, before[f], wanted[f])) (patch as Record<string, unknown>)[f] = wanted[f];
        const start = patch.startDate ?? before.startDate;
        const end = patch.endDate ?? before.endDate;
        if (end < start) throw invalid(patch.endDate ? 'endDate' : 'startDate', 'endDate must be on or after startDate');
        if (patch.parentId) await this.checkParent(m, before.id, patch.parentId, ctx);
        if (Object.keys(patch).length === 0) return this.view(m, before, ctx);
        const after = await this.campaigns.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId });
        await this.changes.record(m, ctx, {
          entity: 'campaign',
          entityId: after.id,
          action: 'update',
          before: logged(before),
          after: logged(after),
          event: {
            pattern: CAMPAIGN_UPDATED_V1,
            data: {
              ...toCampaignEventData(after),
              changedFields: Object.keys(patch).map((f) => (f === 'segmentCriteria' ? 'segment' : f)),
            },
          },
        });
        return this.view(m, after, ctx);
      }),
    );
  }

  async transition(dto: TransitionCampaignDto, ctx: CallContext): Promise<CampaignView> {
    const employeeId = actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const before = await this.campaigns.find(dto.campaignId, ctx.scope, m, true);
        if (!before) throw new CrmError(ErrorCode.NotFound, `campaign ${dto.campaignId} not found`);
        checkVersion('campaign', before.id, before.version, dto.version);
        if (!CAMPAIGN_TRANSITIONS[before.status].includes(dto.status))
          throw new CrmError(ErrorCode.Conflict, `campaign ${before.id} cannot go from ${before.status} to ${dto.status}`);
        const after = await this.campaigns.update(m, before.id, { status: dto.status, version: before.version + 1, updatedBy: employeeId });
        // Becoming active targets the segment as it is now; refresh re-evaluates it on demand.
        const targeted = dto.status === 'active' && after.segmentCriteria ? await this.members.evaluate(m, after, ctx) : null;
        await this.changes.record(m, ctx, {
          entity: 'campaign',
          entityId: after.id,
          action: 'transition',
          before: { status: before.status },
          after: { status: after.status, reason: dto.reason ?? null, ...(targeted ? { membersAdded: targeted.added } : {}) },
          event: {
            pattern: CAMPAIGN_STATUS_CHANGED_V1,
            data: { campaignId: after.id, from: before.status, to: after.status, reason: dto.reason ?? null, version: after.version },
            stream: `campaign:${after.id}`,
          },
        });
        return this.view(m, after, ctx);
      }),
    );
  }

  async get(dto: GetCampaignDto, ctx: CallContext): Promise<CampaignView> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.campaigns.find(dto.campaignId, ctx.scope, m);
      if (!c) throw new CrmError(ErrorCode.NotFound, `campaign ${dto.campaignId} not found`);
      const view = await this.view(m, c, ctx);
      if (!dto.rollup) return view;
      // Descendants in another currency are not converted: the rollup adds those in the root's.
      const tree = (await this.campaigns.subtree(m, c.id, ctx.scope)).filter((t) => t.currency === c.currency);
      const figures = await this.campaigns.figures(m, tree, ctx.scope);
      return { ...view, rollup: { ...toFigures(addFigures([...figures.values()])), campaigns: tree.length } };
    });
  }

  async list(q: ListCampaignsDto, ctx: CallContext): Promise<CampaignPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(CAMPAIGN_LIST, q.cursor);
    return this.dataSource.transaction(async (m) => {
      const rows = await this.campaigns.list(q, limit, position, ctx.scope, m);
      const figures = await this.campaigns.figures(m, rows.slice(0, limit), ctx.scope);
      return toPage(CAMPAIGN_LIST, this.cursors, rows, limit, (c) => toCampaignView(c, toFigures(figures.get(c.id) ?? NO_FIGURES)));
    });
  }

  private async view(m: EntityManager, c: CampaignEntity, ctx: CallContext): Promise<CampaignView> {
    const figures = await this.campaigns.figures(m, [c], ctx.scope);
    return toCampaignView(c, toFigures(figures.get(c.id) ?? NO_FIGURES));
  }

  /**
   * The parent must be a campaign the caller can see, and not the campaign itself or one of its
   * descendants (no cycles); hierarchies are at most MAX_CAMPAIGN_DEPTH deep. The walk up locks
   * each ancestor (see `parentOf`).
   */
  private async checkParent(m: EntityManager, campaignId: string | null, parentId: string, ctx: CallContext): Promise<void> {
    if (parentId === campaignId) throw invalid('parentId', 'a campaign cannot be its own parent');
    if (!(await this.campaigns.find(parentId, ctx.scope, m))) throw invalid('parentId', 'parentId must name an existing campaign');
    let current: string | null = parentId;
    for (let depth = 1; current !== null; depth++) {
      if (current === campaignId) throw invalid('parentId', 'a campaign cannot be placed under one of its own descendants');
      if (depth >= MAX_CAMPAIGN_DEPTH) throw invalid('parentId', `campaign hierarchies are at most ${MAX_CAMPAIGN_DEPTH} levels deep`);
      current = (await this.campaigns.parentOf(m, current))?.parentId ?? null;
    }
  }
}

/** Whether a wanted value equals the stored one (money by value, segments by content). */
function same(field: Editable, stored: unknown, wanted: unknown): boolean {
  if (field === 'budget' || field === 'expectedRevenue')
    return formatMoney(money(stored as string)) === formatMoney(money(wanted as string));
  if (field === 'segmentCriteria') return JSON.stringify(stored ?? null) === JSON.stringify(wanted ?? null);
  return stored === wanted;
}
