import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddCampaignMembersDto,
  CAMPAIGN_CREATE_V1,
  CAMPAIGN_GET_V1,
  CAMPAIGN_LIST_V1,
  CAMPAIGN_MEMBERS_ADD_V1,
  CAMPAIGN_MEMBERS_LIST_V1,
  CAMPAIGN_MEMBERS_REFRESH_V1,
  CAMPAIGN_MEMBERS_REMOVE_V1,
  CAMPAIGN_MEMBERS_RESPOND_V1,
  CAMPAIGN_STEP_CREATE_V1,
  CAMPAIGN_STEP_DELETE_V1,
  CAMPAIGN_STEP_LIST_V1,
  CAMPAIGN_STEP_UPDATE_V1,
  CAMPAIGN_TRANSITION_V1,
  CAMPAIGN_UPDATE_V1,
  CreateCampaignDto,
  CreateCampaignStepDto,
  DeleteCampaignStepDto,
  GetCampaignDto,
  ListCampaignMembersDto,
  ListCampaignsDto,
  ListCampaignStepsDto,
  RefreshCampaignMembersDto,
  RemoveCampaignMemberDto,
  RespondCampaignMemberDto,
  TransitionCampaignDto,
  UpdateCampaignDto,
  UpdateCampaignStepDto,
  type CampaignMemberPage,
  type CampaignMembersChange,
  type CampaignMemberView,
  type CampaignPage,
  type CampaignStepPage,
  type CampaignStepView,
  type CampaignView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { CampaignMemberService } from './campaign-member.service.js';
import { CampaignStepService } from './campaign-step.service.js';
import { CampaignService } from './campaign.service.js';

/** Marketers plan and run campaigns through a front end: its caller credentials plus their token. */
@Controller()
export class CampaignController {
  constructor(
    @Inject(CampaignService) private readonly campaigns: CampaignService,
    @Inject(CampaignStepService) private readonly steps: CampaignStepService,
    @Inject(CampaignMemberService) private readonly members: CampaignMemberService,
  ) {}

  @MessagePattern(CAMPAIGN_CREATE_V1)
  @RequirePermission('campaign.write')
  create(@Payload('payload') dto: CreateCampaignDto, @CallContext() ctx: CallContext): Promise<CampaignView> {
    return this.campaigns.create(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_UPDATE_V1)
  @RequirePermission('campaign.write')
  update(@Payload('payload') dto: UpdateCampaignDto, @CallContext() ctx: CallContext): Promise<CampaignView> {
    return this.campaigns.update(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_TRANSITION_V1)
  @RequirePermission('campaign.write')
  transition(@Payload('payload') dto: TransitionCampaignDto, @CallContext() ctx: CallContext): Promise<CampaignView> {
    return this.campaigns.transition(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_GET_V1)
  @RequirePermission('campaign.read')
  get(@Payload('payload') dto: GetCampaignDto, @CallContext() ctx: CallContext): Promise<CampaignView> {
    return this.campaigns.get(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_LIST_V1)
  @RequirePermission('campaign.read')
  list(@Payload('payload') dto: ListCampaignsDto, @CallContext() ctx: CallContext): Promise<CampaignPage> {
    return this.campaigns.list(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_STEP_CREATE_V1)
  @RequirePermission('campaign.write')
  createStep(@Payload('payload') dto: CreateCampaignStepDto, @CallContext() ctx: CallContext): Promise<CampaignStepView> {
    return this.steps.create(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_STEP_UPDATE_V1)
  @RequirePermission('campaign.write')
  updateStep(@Payload('payload') dto: UpdateCampaignStepDto, @CallContext() ctx: CallContext): Promise<CampaignStepView> {
    return this.steps.update(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_STEP_DELETE_V1)
  @RequirePermission('campaign.write')
  deleteStep(@Payload('payload') dto: DeleteCampaignStepDto, @CallContext() ctx: CallContext): Promise<{ stepId: string; deleted: true }> {
    return this.steps.delete(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_STEP_LIST_V1)
  @RequirePermission('campaign.read')
  listSteps(@Payload('payload') dto: ListCampaignStepsDto, @CallContext() ctx: CallContext): Promise<CampaignStepPage> {
    return this.steps.list(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_MEMBERS_ADD_V1)
  @RequirePermission('campaign.write')
  addMembers(@Payload('payload') dto: AddCampaignMembersDto, @CallContext() ctx: CallContext): Promise<CampaignMembersChange> {
    return this.members.add(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_MEMBERS_REFRESH_V1)
  @RequirePermission('campaign.write')
  refreshMembers(@Payload('payload') dto: RefreshCampaignMembersDto, @CallContext() ctx: CallContext): Promise<CampaignMembersChange> {
    return this.members.refresh(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_MEMBERS_REMOVE_V1)
  @RequirePermission('campaign.write')
  removeMember(@Payload('payload') dto: RemoveCampaignMemberDto, @CallContext() ctx: CallContext): Promise<CampaignMembersChange> {
    return this.members.remove(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_MEMBERS_RESPOND_V1)
  @RequirePermission('campaign.write')
  respond(@Payload('payload') dto: RespondCampaignMemberDto, @CallContext() ctx: CallContext): Promise<CampaignMemberView> {
    return this.members.respond(dto, ctx);
  }

  @MessagePattern(CAMPAIGN_MEMBERS_LIST_V1)
  @RequirePermission('campaign.read')
  listMembers(@Payload('payload') dto: ListCampaignMembersDto, @CallContext() ctx: CallContext): Promise<CampaignMemberPage> {
    return this.members.list(dto, ctx);
  }
}
