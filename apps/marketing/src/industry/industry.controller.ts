import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  IndustryProfileDto,
  ListIndustriesDto,
  MARKETING_INDUSTRY_LIST_V1,
  MARKETING_INDUSTRY_PROFILE_V1,
  type IndustryListView,
  type IndustryProfileView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { IndustryService } from './industry.service.js';

/** Industry data is market intelligence, read under `competitor.read` (there is no industry permission). */
@Controller()
export class IndustryController {
  constructor(@Inject(IndustryService) private readonly industries: IndustryService) {}

  @MessagePattern(MARKETING_INDUSTRY_LIST_V1)
  @RequirePermission('competitor.read')
  list(@Payload('payload') dto: ListIndustriesDto): Promise<IndustryListView> {
    return this.industries.list(dto);
  }

  @MessagePattern(MARKETING_INDUSTRY_PROFILE_V1)
  @RequirePermission('competitor.read')
  profile(@Payload('payload') dto: IndustryProfileDto, @CallContext() ctx: CallContext): Promise<IndustryProfileView> {
    return this.industries.profile(dto, ctx);
  }
}
