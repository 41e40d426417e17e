import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AssignLeadDto,
  CaptureLeadDto,
  ConvertLeadDto,
  GetLeadDto,
  LEAD_ASSIGN_V1,
  LEAD_CAPTURE_V1,
  LEAD_CONVERT_V1,
  LEAD_GET_V1,
  LEAD_HISTORY_V1,
  LEAD_LIST_V1,
  LEAD_MERGE_V1,
  LEAD_TRANSITION_V1,
  LEAD_UPDATE_V1,
  LeadHistoryDto,
  ListLeadsDto,
  MergeLeadsDto,
  TransitionLeadDto,
  UpdateLeadDto,
  type CaptureLeadReply,
  type ConvertLeadReply,
  type LeadHistoryPage,
  type LeadPage,
  type LeadView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { LeadConversionService } from './lead-conversion.service.js';
import { LeadService } from './lead.service.js';

/** Leads from every channel, through a front end or a partner system with an employee's token. */
@Controller()
export class LeadController {
  constructor(
    @Inject(LeadService) private readonly leads: LeadService,
    @Inject(LeadConversionService) private readonly conversions: LeadConversionService,
  ) {}

  @MessagePattern(LEAD_CAPTURE_V1)
  @RequirePermission('lead.write')
  capture(@Payload('payload') dto: CaptureLeadDto, @CallContext() ctx: CallContext): Promise<CaptureLeadReply> {
    return this.leads.capture(dto, ctx);
  }

  @MessagePattern(LEAD_GET_V1)
  @RequirePermission('lead.read')
  get(@Payload('payload') dto: GetLeadDto, @CallContext() ctx: CallContext): Promise<LeadView> {
    return this.leads.get(dto.leadId, ctx);
  }

  @MessagePattern(LEAD_LIST_V1)
  @RequirePermission('lead.read')
  list(@Payload('payload') dto: ListLeadsDto, @CallContext() ctx: CallContext): Promise<LeadPage> {
    return this.leads.list(dto, ctx);
  }

  @MessagePattern(LEAD_HISTORY_V1)
  @RequirePermission('lead.read')
  history(@Payload('payload') dto: LeadHistoryDto, @CallContext() ctx: CallContext): Promise<LeadHistoryPage> {
    return this.leads.history(dto, ctx);
  }

  @MessagePattern(LEAD_UPDATE_V1)
  @RequirePermission('lead.write')
  update(@Payload('payload') dto: UpdateLeadDto, @CallContext() ctx: CallContext): Promise<LeadView> {
    return this.leads.update(dto, ctx);
  }

  @MessagePattern(LEAD_TRANSITION_V1)
  @RequirePermission('lead.write')
  transition(@Payload('payload') dto: TransitionLeadDto, @CallContext() ctx: CallContext): Promise<LeadView> {
    return this.leads.transition(dto, ctx);
  }

  @MessagePattern(LEAD_ASSIGN_V1)
  @RequirePermission('lead.write')
  assign(@Payload('payload') dto: AssignLeadDto, @CallContext() ctx: CallContext): Promise<LeadView> {
    return this.leads.assign(dto, ctx);
  }

  @MessagePattern(LEAD_MERGE_V1)
  @RequirePermission('lead.write')
  merge(@Payload('payload') dto: MergeLeadsDto, @CallContext() ctx: CallContext): Promise<LeadView> {
    return this.leads.merge(dto, ctx);
  }

  @MessagePattern(LEAD_CONVERT_V1)
  @RequirePermission('lead.write')
  convert(@Payload('payload') dto: ConvertLeadDto, @CallContext() ctx: CallContext): Promise<ConvertLeadReply> {
    return this.conversions.convert(dto, ctx);
  }
}
