import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AnalyseCompetitorsDto,
  CreateCompetitorDto,
  GetCompetitorDto,
  ListCompetitorsDto,
  MARKETING_COMPETITOR_ANALYSIS_V1,
  MARKETING_COMPETITOR_CREATE_V1,
  MARKETING_COMPETITOR_GET_V1,
  MARKETING_COMPETITOR_LIST_V1,
  MARKETING_COMPETITOR_UPDATE_V1,
  UpdateCompetitorDto,
  type CompetitorAnalysisView,
  type CompetitorPage,
  type CompetitorView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { CompetitorService } from './competitor.service.js';

@Controller()
export class CompetitorController {
  constructor(@Inject(CompetitorService) private readonly competitors: CompetitorService) {}

  @MessagePattern(MARKETING_COMPETITOR_CREATE_V1)
  @RequirePermission('competitor.write')
  create(@Payload('payload') dto: CreateCompetitorDto, @CallContext() ctx: CallContext): Promise<CompetitorView> {
    return this.competitors.create(dto, ctx);
  }

  @MessagePattern(MARKETING_COMPETITOR_UPDATE_V1)
  @RequirePermission('competitor.write')
  update(@Payload('payload') dto: UpdateCompetitorDto, @CallContext() ctx: CallContext): Promise<CompetitorView> {
    return this.competitors.update(dto, ctx);
  }

  @MessagePattern(MARKETING_COMPETITOR_GET_V1)
  @RequirePermission('competitor.read')
  get(@Payload('payload') dto: GetCompetitorDto): Promise<CompetitorView> {
    return this.competitors.get(dto.competitorId);
  }

  @MessagePattern(MARKETING_COMPETITOR_LIST_V1)
  @RequirePermission('competitor.read')
  list(@Payload('payload') dto: ListCompetitorsDto): Promise<CompetitorPage> {
    return this.competitors.list(dto);
  }

  @MessagePattern(MARKETING_COMPETITOR_ANALYSIS_V1)
  @RequirePermission('competitor.read')
  analysis(@Payload('payload') dto: AnalyseCompetitorsDto, @CallContext() ctx: CallContext): Promise<CompetitorAnalysisView> {
    return this.competitors.analysis(dto, ctx);
  }
}
