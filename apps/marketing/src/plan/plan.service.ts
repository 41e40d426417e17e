import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CrmError,
  DEFAULT_CURRENCY,
  ErrorCode,
  PLAN_CREATED_V1,
  PLAN_UPDATED_V1,
  type CreatePlanDto,
  type ListPlansDto,
  type PlanPage,
  type PlanProgressDto,
  type PlanProgressView,
  type PlanTargets,
  type PlanView,
  type UpdatePlanDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { invalid, todayUtc } from '../campaign/campaign.mapper.js';
import { checkVersion } from '../campaign/campaign.service.js';
import { actualWindow, elapsedShare, kpiProgress, type PlanActuals } from './plan-progress.js';
import type { MarketPlanEntity } from './plan.entity.js';
import { normaliseTargets, toPlanEventData, toPlanView } from './plan.mapper.js';
import { PLAN_LIST, PlanRepository } from './plan.repository.js';

const EDITABLE = [
  'name',
  'periodStart',
  'periodEnd',
  'territoryId',
  'regionPrefix',
  'segment',
  'industryCode',
  'productIds',
  'targets',
  'description',
  'ownerId',
] as const;
type Editable = (typeof EDITABLE)[number];

const NO_ACTUALS: PlanActuals = { leads: 0, convertedLeads: 0, opportunities: 0, wonRevenue: '0', newAccounts: 0, won: 0, lost: 0 };

function logged(p: MarketPlanEntity): Record<string, unknown> {
  const { version: _v, ...fields } = toPlanEventData(p);
  return fields;
}

/** Targets with at least one KPI (4220 on `targets` otherwise). */
function targetsOf(t: PlanTargets): PlanTargets {
  const targets = normaliseTargets(t);
  if (Object.keys(targets).length === 0)
    throw invalid('targets', 'targets needs at least one KPI: leads, convertedLeads, opportunities, wonRevenue, newAccounts, winRate');
  return targets;
}

const productIdsOf = (line: { productIds: string[] } | null | undefined) =>
  line === undefined ? undefined : line === null || line.productIds.length === 0 ? null : [...new Set(line.productIds)].sort();

/**
 * Market plans (SPEC §6.1): targets for a period and scope, and their progress against
 * marketing's own data. Changes record their operation-log entry and event in their own
 * transaction; plans outside the caller's data scope are 4040.
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  /** Today in UTC (overridden by tests). */
  protected today(): string {
    return todayUtc();
  }

  async create(dto: CreatePlanDto, ctx: CallContext): Promise<PlanView> {
    const employeeId = actingEmployee(ctx);
    const targets = targetsOf(dto.targets);
    return this.dataSource.transaction(async (m) => {
      const plan = await this.plans.insert(m, {
        id: randomUUID(),
        name: dto.name.trim(),
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        territoryId: dto.territoryId ?? null,
        regionPrefix: dto.regionPrefix ?? null,
        segment: dto.segment ?? null,
        industryCode: dto.industryCode ?? null,
        productIds: productIdsOf(dto.productLine) ?? null,
        currency: dto.currency ?? DEFAULT_CURRENCY,
        targets,
        description: dto.description ?? null,
        ownerId: dto.ownerId ?? employeeId,
        createdBy: employeeId,
        updatedBy: employeeId,
      });
      await this.changes.record(m, ctx, {
        entity: 'market-plan',
        entityId: plan.id,
        action: 'create',
        before: null,
        after: logged(plan),
        event: { pattern: PLAN_CREATED_V1, data: toPlanEventData(plan) },
      });
      return toPlanView(plan);
    });
  }

  async update(dto: UpdatePlanDto, ctx: CallContext): Promise<PlanView> {
    const employeeId = actingEmployee(ctx);
    const targets = dto.targets === undefined ? undefined : targetsOf(dto.targets);
    return this.dataSource.transaction(async (m) => {
      const before = await this.plans.find(dto.planId, ctx.scope, m, true);
      if (!before) throw new CrmError(ErrorCode.NotFound, `plan ${dto.planId} not found`);
      checkVersion('plan', before.id, before.version, dto.version);
      const wanted: Partial<Record<Editable, unknown>> = {
        name: dto.name?.trim(),
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        territoryId: dto.territoryId,
        regionPrefix: dto.regionPrefix,
        segment: dto.segment,
        industryCode: dto.industryCode,
        productIds: productIdsOf(dto.productLine),
        targets,
        description: dto.description,
        ownerId: dto.ownerId,
      };
      const patch: Partial<MarketPlanEntity> = {};
      for (const f of EDITABLE) {
        const v = wanted[f];
        const changed = f === 'targets' || f === 'productIds' ? JSON.stringify(v) !== JSON.stringify(before[f]) : v !== before[f];
        if (v !== undefined && changed) (patch as Record<string, unknown>)[f] = v;
      }
      if ((patch.periodEnd ?? before.periodEnd) < (patch.periodStart ?? before.periodStart))
        throw invalid(patch.periodEnd ? 'periodEnd' : 'periodStart', 'periodEnd must be on or after periodStart');
      if (Object.keys(patch).length === 0) return toPlanView(before);
      const after = await this.plans.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId });
      await this.changes.record(m, ctx, {
        entity: 'market-plan',
        entityId: after.id,
        action: 'update',
        before: logged(before),
        after: logged(after),
        event: { pattern: PLAN_UPDATED_V1, data: { ...toPlanEventData(after), changedFields: Object.keys(patch) } },
      });
      return toPlanView(after);
    });
  }

  async get(planId: string, ctx: CallContext): Promise<PlanView> {
    const plan = await this.plans.find(planId, ctx.scope);
    if (!plan) throw new CrmError(ErrorCode.NotFound, `plan ${planId} not found`);
    return toPlanView(plan);
  }

  async list(q: ListPlansDto, ctx: CallContext): Promise<PlanPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(PLAN_LIST, q.cursor);
    return toPage(PLAN_LIST, this.cursors, await this.plans.list(q, limit, position, ctx.scope), limit, toPlanView);
  }

  async progress(dto: PlanProgressDto, ctx: CallContext): Promise<PlanProgressView> {
    const asOf = dto.asOf ?? this.today();
    return this.dataSource.transaction(async (m) => {
      const plan = await this.plans.find(dto.planId, ctx.scope, m);
      if (!plan) throw new CrmError(ErrorCode.NotFound, `plan ${dto.planId} not found`);
      const window = actualWindow(plan.periodStart, plan.periodEnd, asOf);
      const actuals = window ? await this.plans.actuals(m, plan, window.from, window.to, ctx.scope) : NO_ACTUALS;
      const share = elapsedShare(plan.periodStart, plan.periodEnd, asOf);
      return {
        planId: plan.id,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        asOf,
        elapsedShare: share.toFixed(4),
        currency: plan.currency,
        kpis: kpiProgress(plan.targets, actuals, share),
      };
    });
  }
}
