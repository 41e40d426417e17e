import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ANALYSIS_FORECAST_V1,
  ANALYSIS_PIPELINE_V1,
  ANALYSIS_REVENUE_V1,
  ANALYSIS_VERIFY_V1,
  ANALYSIS_WIN_RATE_V1,
  ForecastAnalysisDto,
  PipelineAnalysisDto,
  RevenueAnalysisDto,
  VerifyAnalysisDto,
  WinRateAnalysisDto,
  type AnalysisVerification,
  type ForecastAnalysis,
  type PipelineAnalysis,
  type RevenueAnalysis,
  type WinRateAnalysis,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { AnalysisService } from './analysis.service.js';

/** Business analysis, each answer within the caller's data scope. */
@Controller()
export class AnalysisController {
  constructor(@Inject(AnalysisService) private readonly analysis: AnalysisService) {}

  @MessagePattern(ANALYSIS_PIPELINE_V1)
  @RequirePermission('analysis.read')
  pipeline(@Payload('payload') dto: PipelineAnalysisDto, @CallContext() ctx: CallContext): Promise<PipelineAnalysis> {
    return this.analysis.pipeline(dto, ctx);
  }

  @MessagePattern(ANALYSIS_WIN_RATE_V1)
  @RequirePermission('analysis.read')
  winRate(@Payload('payload') dto: WinRateAnalysisDto, @CallContext() ctx: CallContext): Promise<WinRateAnalysis> {
    return this.analysis.winRate(dto, ctx);
  }

  @MessagePattern(ANALYSIS_REVENUE_V1)
  @RequirePermission('analysis.read')
  revenue(@Payload('payload') dto: RevenueAnalysisDto, @CallContext() ctx: CallContext): Promise<RevenueAnalysis> {
    return this.analysis.revenue(dto, ctx);
  }

  @MessagePattern(ANALYSIS_FORECAST_V1)
  @RequirePermission('analysis.read')
  forecast(@Payload('payload') dto: ForecastAnalysisDto, @CallContext() ctx: CallContext): Promise<ForecastAnalysis> {
    return this.analysis.forecast(dto, ctx);
  }

  @MessagePattern(ANALYSIS_VERIFY_V1)
  @RequirePermission('analysis.read')
  verify(@Payload('payload') dto: VerifyAnalysisDto, @CallContext() ctx: CallContext): Promise<AnalysisVerification> {
    return this.analysis.verify(dto, ctx);
  }
}
