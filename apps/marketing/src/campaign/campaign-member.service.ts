import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CAMPAIGN_MEMBER_KINDS,
  CAMPAIGN_UPDATED_V1,
  CrmError,
  ErrorCode,
  type AddCampaignMembersDto,
  type CampaignMemberKind,
  type CampaignMemberPage,
  type CampaignMembersChange,
  type CampaignMemberView,
  type FieldError,
  type ListCampaignMembersDto,
  type RefreshCampaignMembersDto,
  type RemoveCampaignMemberDto,
  type RespondCampaignMemberDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, retryOnDeadlock, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { CAMPAIGN_MEMBER_LIST, CampaignMemberRepository } from './campaign-member.repository.js';
import type { CampaignEntity } from './campaign.entity.js';
import { invalid, toCampaignEventData, toMemberView } from './campaign.mapper.js';
import { CampaignRepository } from './campaign.repository.js';

/** Responses after which a member has answered (its `respondedAt` is set). */
const ANSWERS = new Set(['responded', 'converted', 'opted-out']);

/**
 * Campaign members: static lists by id, the dynamic segment (evaluated when the campaign becomes
 * active and on demand), and each member's response. A change of members is recorded on the
 * campaign (operation log, `marketing.campaign.updated.v1` with `changedFields: ['members']`).
 */
@Injectable()
export class CampaignMemberService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(CampaignMemberRepository) private readonly members: CampaignMemberRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async add(dto: AddCampaignMembersDto, ctx: CallContext): Promise<CampaignMembersChange> {
    actingEmployee(ctx);
    const leadIds = [...new Set(dto.leadIds ?? [])];
    const accountIds = [...new Set(dto.accountIds ?? [])];
    if (leadIds.length + accountIds.length === 0) throw invalid('leadIds', 'give leadIds or accountIds (at least one id)');
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const campaign = await this.openCampaign(m, dto.campaignId, ctx);
        const unknown: FieldError[] = [
          ...(await this.unknownIds(m, 'lead', 'leadIds', dto.leadIds ?? [])),
          ...(await this.unknownIds(m, 'account', 'accountIds', dto.accountIds ?? [])),
        ];
        if (unknown.length) throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', unknown);
        const before = await this.members.count(m, campaign.id);
        await this.members.addStatic(m, campaign.id, 'lead', leadIds);
        await this.members.addStatic(m, campaign.id, 'account', accountIds);
        const total = await this.members.count(m, campaign.id);
        if (total !== before) await this.recordMembers(m, ctx, campaign, 'add-members', before, total);
        return { campaignId: campaign.id, added: total - before, removed: 0, total };
      }),
    );
  }

  async refresh(dto: RefreshCampaignMembersDto, ctx: CallContext): Promise<CampaignMembersChange> {
    actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const campaign = await this.openCampaign(m, dto.campaignId, ctx);
        if (!campaign.segmentCriteria) throw invalid('segment', 'the campaign has no dynamic segment to evaluate');
        const before = await this.members.count(m, campaign.id);
        const change = await this.evaluate(m, campaign, ctx);
        if (change.added || change.removed) await this.recordMembers(m, ctx, campaign, 'refresh-members', before, change.total);
        return change;
      }),
    );
  }

  /**
   * Evaluates the campaign's segment into its members in `m`'s transaction (the campaign row is
   * locked by the caller). Used by refresh and when the campaign becomes active.
   */
  async evaluate(m: EntityManager, campaign: CampaignEntity, ctx: CallContext): Promise<CampaignMembersChange> {
    const criteria = campaign.segmentCriteria;
    const before = await this.members.count(m, campaign.id);
    let removed = 0;
    // Every kind is visited: one the segment no longer targets matches nothing (`1 = 0`), so its
    // untouched segment members go.
    if (criteria)
      for (const kind of CAMPAIGN_MEMBER_KINDS) removed += await this.members.applySegment(m, campaign.id, kind, criteria, ctx.scope);
    const total = await this.members.count(m, campaign.id);
    return { campaignId: campaign.id, added: total - before + removed, removed, total };
  }

  async respond(dto: RespondCampaignMemberDto, ctx: CallContext): Promise<CampaignMemberView> {
    actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const campaign = await this.campaignInScope(m, dto.campaignId, ctx);
        if (campaign.status === 'aborted') throw new CrmError(ErrorCode.Conflict, `campaign ${campaign.id} is aborted`);
        const member = await this.members.find(m, campaign.id, dto.memberKind, dto.memberId, true);
        if (!member) throw new CrmError(ErrorCode.NotFound, `${dto.memberKind} ${dto.memberId} is not a member of campaign ${campaign.id}`);
        const id = `${campaign.id}/${dto.memberKind}/${dto.memberId}`;
        const version = Number(member.version);
        if (version !== dto.version)
          throw new CrmError(ErrorCode.Conflict, `member ${id} is at version ${version}, not ${dto.version}: read it again`);
        if (member.response_status === dto.responseStatus) return toMemberView(member);
        if (member.response_status === 'opted-out') throw new CrmError(ErrorCode.Conflict, `member ${id} opted out: that is final`);
        const respondedAt = ANSWERS.has(dto.responseStatus) ? new Date() : member.responded_at;
        await this.members.respond(m, member.id, dto.responseStatus, respondedAt);
        await this.changes.record(m, ctx, {
          entity: 'campaign-member',
          entityId: id,
          action: 'respond',
          before: { responseStatus: member.response_status },
          after: { responseStatus: dto.responseStatus },
          event: { pattern: CAMPAIGN_UPDATED_V1, data: { ...toCampaignEventData(campaign), changedFields: ['members'] } },
        });
        return toMemberView((await this.members.find(m, campaign.id, dto.memberKind, dto.memberId))!);
      }),
    );
  }

  async remove(dto: RemoveCampaignMemberDto, ctx: CallContext): Promise<CampaignMembersChange> {
    actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const campaign = await this.openCampaign(m, dto.campaignId, ctx);
        const member = await this.members.find(m, campaign.id, dto.memberKind, dto.memberId, true);
        if (!member) throw new CrmError(ErrorCode.NotFound, `${dto.memberKind} ${dto.memberId} is not a member of campaign ${campaign.id}`);
        const version = Number(member.version);
        if (version !== dto.version)
          throw new CrmError(ErrorCode.Conflict, `member is at version ${version}, not ${dto.version}: read it again`);
        const before = await this.members.count(m, campaign.id);
        await this.members.remove(m, member.id);
        await this.recordMembers(m, ctx, campaign, 'remove-member', before, before - 1, `${dto.memberKind}/${dto.memberId}`);
        return { campaignId: campaign.id, added: 0, removed: 1, total: before - 1 };
      }),
    );
  }

  async list(q: ListCampaignMembersDto, ctx: CallContext): Promise<CampaignMemberPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(CAMPAIGN_MEMBER_LIST, q.cursor);
    return this.dataSource.transaction(async (m) => {
      await this.campaignInScope(m, q.campaignId, ctx);
      const rows = await this.members.list(q, limit, position, m);
      return toPage(CAMPAIGN_MEMBER_LIST, this.cursors, rows, limit, toMemberView);
    });
  }

  private async campaignInScope(m: EntityManager, campaignId: string, ctx: CallContext, lock = false): Promise<CampaignEntity> {
    const campaign = await this.campaigns.find(campaignId, ctx.scope, m, lock);
    if (!campaign) throw new CrmError(ErrorCode.NotFound, `campaign ${campaignId} not found`);
    return campaign;
  }

  /** The campaign, locked, while its member list may still change (planned or active). */
  private async openCampaign(m: EntityManager, campaignId: string, ctx: CallContext): Promise<CampaignEntity> {
    const campaign = await this.campaignInScope(m, campaignId, ctx, true);
    if (campaign.status === 'completed' || campaign.status === 'aborted')
      throw new CrmError(ErrorCode.Conflict, `campaign ${campaign.id} is ${campaign.status}: its members no longer change`);
    return campaign;
  }

  private async unknownIds(m: EntityManager, kind: CampaignMemberKind, field: string, ids: readonly string[]): Promise<FieldError[]> {
    const known = await this.members.existing(m, kind, [...new Set(ids)]);
    return ids.flatMap((id, i) => (known.has(id) ? [] : [{ field: `${field}.${i}`, reasons: [`no such ${kind}`] }]));
  }

  private recordMembers(
    m: EntityManager,
    ctx: CallContext,
    campaign: CampaignEntity,
    action: string,
    before: number,
    after: number,
    member?: string,
  ): Promise<unknown> {
    return this.changes.record(m, ctx, {
      entity: 'campaign',
      entityId: campaign.id,
      action,
      before: { members: before },
      after: { members: after, ...(member ? { member } : {}) },
      event: { pattern: CAMPAIGN_UPDATED_V1, data: { ...toCampaignEventData(campaign), changedFields: ['members'] } },
    });
  }
}
