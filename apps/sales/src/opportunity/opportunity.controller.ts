import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CloseOpportunityDto,
  CreateOpportunityDto,
  GetOpportunityDto,
  ListOpportunitiesDto,
  OPPORTUNITY_CLOSE_V1,
  OPPORTUNITY_CREATE_V1,
  OPPORTUNITY_GET_V1,
  OPPORTUNITY_LIST_V1,
  OPPORTUNITY_UPDATE_V1,
  UpdateOpportunityDto,
  type OpportunityDetail,
  type OpportunityPage,
  type OpportunityView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { OpportunityService } from './opportunity.service.js';

@Controller()
export class OpportunityController {
  constructor(@Inject(OpportunityService) private readonly opportunities: OpportunityService) {}

  @MessagePattern(OPPORTUNITY_CREATE_V1)
  @RequirePermission('opportunity.write')
  create(@Payload('payload') dto: CreateOpportunityDto, @CallContext() ctx: CallContext): Promise<OpportunityView> {
    return this.opportunities.create(dto, ctx);
  }

  @MessagePattern(OPPORTUNITY_UPDATE_V1)
  @RequirePermission('opportunity.write')
  update(@Payload('payload') dto: UpdateOpportunityDto, @CallContext() ctx: CallContext): Promise<OpportunityView> {
    return this.opportunities.update(dto, ctx);
  }

  @MessagePattern(OPPORTUNITY_CLOSE_V1)
  @RequirePermission('opportunity.write')
  close(@Payload('payload') dto: CloseOpportunityDto, @CallContext() ctx: CallContext): Promise<OpportunityView> {
    return this.opportunities.close(dto, ctx);
  }

  @MessagePattern(OPPORTUNITY_GET_V1)
  @RequirePermission('opportunity.read')
  get(@Payload('payload') dto: GetOpportunityDto, @CallContext() ctx: CallContext): Promise<OpportunityDetail> {
    return this.opportunities.get(dto.opportunityId, ctx);
  }

  @MessagePattern(OPPORTUNITY_LIST_V1)
  @RequirePermission('opportunity.read')
  list(@Payload('payload') dto: ListOpportunitiesDto, @CallContext() ctx: CallContext): Promise<OpportunityPage> {
    return this.opportunities.list(dto, ctx);
  }
}
