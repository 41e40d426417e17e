import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CAMPAIGN_UPDATED_V1,
  CrmError,
  ErrorCode,
  formatMoney,
  money,
  type CampaignStepPage,
  type CampaignStepView,
  type CreateCampaignStepDto,
  type DeleteCampaignStepDto,
  type ListCampaignStepsDto,
  type UpdateCampaignStepDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, retryOnDeadlock, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import type { CampaignStepEntity } from './campaign-step.entity.js';
import { CAMPAIGN_STEP_LIST, CampaignStepRepository } from './campaign-step.repository.js';
import type { CampaignEntity } from './campaign.entity.js';
import { toCampaignEventData, todayUtc, toStepView } from './campaign.mapper.js';
import { CampaignRepository } from './campaign.repository.js';
import { checkVersion } from './campaign.service.js';

const EDITABLE = ['title', 'description', 'ownerId', 'dueDate', 'status', 'cost'] as const;

function logged(s: CampaignStepEntity): Record<string, unknown> {
  return { campaignId: s.campaignId, ...Object.fromEntries(EDITABLE.map((f) => [f, f === 'cost' ? formatMoney(money(s.cost)) : s[f]])) };
}

/**
 * A campaign's action plan: steps with owner, due date, status and cost; the campaign's actual
 * cost is the sum of its steps' costs (cancelled ones excluded). Steps are reached through their
 * campaign, so the campaign's data scope decides (4040 outside it). The plan stays editable after
 * the campaign ends (late invoices). Each change is recorded on the step and announced as
 * `marketing.campaign.updated.v1` with `changedFields: ['actionPlan']`.
 */
@Injectable()
export class CampaignStepService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(CampaignStepRepository) private readonly steps: CampaignStepRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  /** Today in UTC (overridden by tests). */
  protected today(): string {
    return todayUtc();
  }

  async create(dto: CreateCampaignStepDto, ctx: CallContext): Promise<CampaignStepView> {
    const employeeId = actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const campaign = await this.campaign(m, dto.campaignId, ctx);
        const step = await this.steps.insert(m, {
          id: randomUUID(),
          campaignId: campaign.id,
          title: dto.title.trim(),
          description: dto.description ?? null,
          ownerId: dto.ownerId ?? null,
          dueDate: dto.dueDate ?? null,
          status: dto.status ?? 'todo',
          cost: dto.cost ?? '0.00',
          createdBy: employeeId,
          updatedBy: employeeId,
        });
        await this.record(m, ctx, campaign, step.id, 'create', null, logged(step));
        return toStepView(step, campaign.currency, this.today());
      }),
    );
  }

  async update(dto: UpdateCampaignStepDto, ctx: CallContext): Promise<CampaignStepView> {
    const employeeId = actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const { campaign, step: before } = await this.lockedStep(m, dto.stepId, ctx);
        checkVersion('step', before.id, before.version, dto.version);
        const patch: Partial<CampaignStepEntity> = {};
        const wanted: Partial<Record<(typeof EDITABLE)[number], unknown>> = {
          title: dto.title?.trim(),
          description: dto.description,
          ownerId: dto.ownerId,
          dueDate: dto.dueDate,
          status: dto.status,
          cost: dto.cost,
        };
        for (const f of EDITABLE) {
          const v = wanted[f];
          if (v === undefined) continue;
          const changed = f === 'cost' ? !money(before.cost).equals(money(v as string)) : before[f] !== v;
          if (changed) (patch as Record<string, unknown>)[f] = v;
        }
        if (Object.keys(patch).length === 0) return toStepView(before, campaign.currency, this.today());
        const after = await this.steps.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId });
        await this.record(m, ctx, campaign, after.id, 'update', logged(before), logged(after));
        return toStepView(after, campaign.currency, this.today());
      }),
    );
  }

  async delete(dto: DeleteCampaignStepDto, ctx: CallContext): Promise<{ stepId: string; deleted: true }> {
    actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const { campaign, step } = await this.lockedStep(m, dto.stepId, ctx);
        checkVersion('step', step.id, step.version, dto.version);
        await this.steps.delete(m, step.id);
        await this.record(m, ctx, campaign, step.id, 'delete', logged(step), null);
        return { stepId: step.id, deleted: true as const };
      }),
    );
  }

  async list(q: ListCampaignStepsDto, ctx: CallContext): Promise<CampaignStepPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(CAMPAIGN_STEP_LIST, q.cursor);
    const today = this.today();
    return this.dataSource.transaction(async (m) => {
      const campaign = await this.campaigns.find(q.campaignId, ctx.scope, m);
      if (!campaign) throw new CrmError(ErrorCode.NotFound, `campaign ${q.campaignId} not found`);
      const filter = { campaignId: campaign.id, status: q.status, overdueBefore: q.overdue ? today : undefined };
      const rows = await this.steps.list(filter, limit, position, m);
      return toPage(CAMPAIGN_STEP_LIST, this.cursors, rows, limit, (s) => toStepView(s, campaign.currency, today));
    });
  }

  /** The campaign within the scope, locked (so its action plan changes one at a time); 4040 otherwise. */
  private async campaign(m: EntityManager, campaignId: string, ctx: CallContext): Promise<CampaignEntity> {
    const campaign = await this.campaigns.find(campaignId, ctx.scope, m, true);
    if (!campaign) throw new CrmError(ErrorCode.NotFound, `campaign ${campaignId} not found`);
    return campaign;
  }

  /** The step and its campaign, locked campaign first (the order every step change takes). */
  private async lockedStep(
    m: EntityManager,
    stepId: string,
    ctx: CallContext,
  ): Promise<{ campaign: CampaignEntity; step: CampaignStepEntity }> {
    const found = await this.steps.find(stepId, m);
    const campaign = found && (await this.campaigns.find(found.campaignId, ctx.scope, m, true));
    const step = campaign && (await this.steps.find(stepId, m, true));
    if (!campaign || !step) throw new CrmError(ErrorCode.NotFound, `step ${stepId} not found`);
    return { campaign, step };
  }

  private record(
    m: EntityManager,
    ctx: CallContext,
    campaign: CampaignEntity,
    stepId: string,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<unknown> {
    return this.changes.record(m, ctx, {
      entity: 'campaign-step',
      entityId: stepId,
      action,
      before,
      after,
      event: { pattern: CAMPAIGN_UPDATED_V1, data: { ...toCampaignEventData(campaign), changedFields: ['actionPlan'] } },
    });
  }
}
